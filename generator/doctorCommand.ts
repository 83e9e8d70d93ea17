import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { runDoctor, type CheckResult } from './doctor/checks.ts';
import { getVariable, readEnvironmentFile } from './runner/environmentFile.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

const USAGE = [
  'Usage: netsuite-postman doctor --environment FILE [--auth-method m2m|tba|authcode] [--timeout MS]',
  '',
  'Runs the INVALID_LOGIN diagnostic sequence against the account the environment points at:',
  'offline checks (variables, account id, base URLs and aud, private key, algorithm, scope, clock skew',
  'against the server\'s Date header), then live checks in NetSuite\'s layer order (host, token endpoint,',
  'an authenticated GET, the RESTlet when restlet_script is set). One line per check: PASS, WARN or FAIL',
  'with the fix. GET requests only, besides the token request; never prints a secret.',
  'Exit codes: 0 no FAIL, 1 a check failed, 2 bad usage or environment file.',
].join('\n');

export function formatResult(result: CheckResult): string {
  const line = `${result.status.padEnd(4)}  ${result.layer.padEnd(11)}  ${result.name}: ${result.detail}`;
  return result.fix ? `${line}\n${' '.repeat(19)}fix: ${result.fix}` : line;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Diagnose NetSuite authentication layer by layer (PASS / WARN / FAIL with the fix).',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(argv, { environment: { type: 'string' }, 'auth-method': { type: 'string' }, timeout: { type: 'string' } }, USAGE);
    if (!values.environment) throw new CliError('USAGE', `--environment FILE is required.\n\n${USAGE}`);
    const environment = readEnvironmentFile(values.environment, io.cwd);
    const variables = (name: string): string | undefined => {
      const value = getVariable(environment, name)?.trim();
      return value === undefined || value === '' ? undefined : value;
    };
    const authMethod = (values['auth-method'] ?? variables('auth_method') ?? 'm2m').toLowerCase();
    if (!['m2m', 'tba', 'authcode'].includes(authMethod)) {
      throw new CliError('USAGE', `auth method must be m2m, tba or authcode, not "${authMethod}".`);
    }
    const timeoutMs = values.timeout === undefined ? 15_000 : Number(values.timeout);
    if (!(timeoutMs > 0)) throw new CliError('USAGE', '--timeout must be a positive number of milliseconds.');
    io.out(`netsuite-postman doctor: ${values.environment}, auth method ${authMethod}`);
    const results = await runDoctor({ variables, authMethod, timeoutMs }, (result) => io.out(formatResult(result)));
    const failed = results.filter((r) => r.status === 'FAIL').length;
    const warned = results.filter((r) => r.status === 'WARN').length;
    io.out(`${failed === 0 ? 'OK' : 'FAILED'}: ${results.length - failed - warned} passed, ${warned} warnings, ${failed} failed.`);
    return failed > 0 ? EXIT.failed : EXIT.ok;
  },
};
