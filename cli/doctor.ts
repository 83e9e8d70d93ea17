import type { CheckResult } from '../doctor/checks.ts';
import { doctor } from '../doctor/doctor.ts';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

const USAGE = [
  'Usage: netsuite-postman doctor --environment FILE [--auth-method m2m|tba|authcode] [--timeout MS]',
  '',
  'Runs the INVALID_LOGIN diagnostic sequence against the account the environment points at:',
  'offline checks (variables, account id, base URLs and aud, private key, algorithm, scope, clock skew',
  'against the server\'s Date header), then live checks in NetSuite\'s layer order (host, token endpoint,',
  'an authenticated GET, the RESTlet when restlet_script is set). One line per check: PASS, WARN or FAIL',
  'with the fix. GET requests only, besides the token request; never prints a secret.',
  'Contract variables in the process environment (NETSUITE_CLIENT_ID or client_id, …) override the',
  'file, as in `run`, so secrets can stay out of files.',
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
    const values = parseCommandArgs(argv, { environment: { type: 'string', short: 'e' }, 'auth-method': { type: 'string' }, timeout: { type: 'string' } }, USAGE);
    if (!values.environment) throw new CliError('USAGE', `--environment FILE is required.\n\n${USAGE}`);
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    io.out(`netsuite-postman doctor: ${values.environment}${values['auth-method'] ? `, auth method ${values['auth-method']}` : ''}`);
    const report = await doctor(
      {
        environment: values.environment,
        cwd: io.cwd,
        processEnv: io.env,
        ...(values['auth-method'] ? { authMethod: values['auth-method'] } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      },
      (result) => io.out(formatResult(result)),
    );
    if (report.fromProcess.length) io.out(`(from the process environment: ${report.fromProcess.join(', ')})`);
    io.out(`${report.failed === 0 ? 'OK' : 'FAILED'}: ${report.passed} passed, ${report.warned} warnings, ${report.failed} failed.`);
    return report.failed > 0 ? EXIT.failed : EXIT.ok;
  },
};
