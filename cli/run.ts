import { resolve } from 'node:path';
import type { NewmanOptions } from '../runner/newmanRun.ts';
import { run } from '../runner/run.ts';
import type { RunEvent } from '../runner/runMatrix.ts';
import type { CliIo, Command } from './cliTypes.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { printRunEvents, printRunResult } from './printRun.ts';
import { fileOption, integerOption, parseReporters } from './runOptions.ts';

const USAGE = [
  'Usage: netsuite-postman run [--environment FILE] [--collection NAME|FILE] [--folder NAME] [--auth-method M]',
  '                            [--reporters cli,junit,html,json] [--reports-dir DIR] [--bail] [--verbose]',
  '                            [--iteration-count N] [--iteration-data FILE] [--delay-request MS]',
  '                            [--timeout-request MS] [--env-var KEY=VALUE] [--export-environment FILE]',
  '                            [--insecure] [--ssl-client-cert FILE] [--ssl-client-key FILE]',
  '                            [--ssl-extra-ca-certs FILE]',
  '',
  'Runs the collections with Newman (programmatically), one request at a time. Without --environment',
  'it starts the embedded NetSuite simulator on a free loopback port and uses its environment.',
  '',
  'Options:',
  '  --environment, -e FILE  Postman environment to run against (e.g. from `netsuite-postman env`).',
  '                          Contract variables set in the process environment (NETSUITE_CLIENT_ID or',
  '                          client_id, …, as `netsuite-postman env` reads them) override the file, so',
  '                          secrets can stay out of files.',
  '  --collection NAME|FILE  rest, restlets, the file stem (netsuite-rest), or the path of a collection',
  '                          file you exported from Postman; repeatable or comma-separated. Default: both.',
  '  --folder NAME           Run only this folder or request (repeatable). The Auth folder always runs',
  '                          first, so the run can authenticate (M2M loads its signer there).',
  '  --auth-method M         m2m, tba, authcode or all (comma-separated for several): overrides the',
  "                          environment's auth_method; one run per method.",
  '  --reporters LIST        cli (a line per request and the summary), junit, html, json. Default:',
  '                          cli,junit,html.',
  '  --reports-dir DIR       Where report files go (default: reports/): <collection>-<method>.xml/.html/.json.',
  '  --bail                  Stop at the first failing request (and run no further collection).',
  '  --verbose               Also print each request as sent (URL), its response size and time, and',
  '                          every console line (redacted), as Newman --verbose does; the stack of an',
  '                          internal error.',
  '',
  "Newman's options, with Newman's meaning:",
  '  --iteration-count N     Run each collection N times.',
  '  --iteration-data FILE   CSV or JSON file: one iteration per row, columns as data variables.',
  '  --delay-request MS      Wait MS milliseconds between requests.',
  '  --timeout-request MS    Fail a request (and a scripted token request) after MS milliseconds.',
  '  --env-var KEY=VALUE     Set a non-secret variable (repeatable). Secret variables are refused: a',
  '                          command line shows in process listings and logs; export NETSUITE_<NAME> or',
  '                          put them in the environment file.',
  '  --export-environment FILE  Write the environment as the run left it (tokens and assertions',
  '                          stripped; the last run wins when several run). Mode 0600.',
  '  --insecure              Accept TLS certificates that do not verify (a proxy in the middle).',
  '  --ssl-client-cert FILE, --ssl-client-key FILE  Client certificate for mutual TLS.',
  '  --ssl-extra-ca-certs FILE  Extra trusted CA certificates (PEM), e.g. a corporate proxy.',
  '',
  'Exit codes: 0 every assertion passed, 1 something failed, 2 bad usage or input (missing or invalid',
  'environment or collection file, unknown collection, folder, auth method or flag), 3 internal error.',
].join('\n');

export const runCommand: Command = {
  name: 'run',
  summary: 'Run the collections with Newman against an environment file or the embedded simulator.',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(
      argv,
      {
        environment: { type: 'string', short: 'e' },
        collection: { type: 'string', multiple: true },
        folder: { type: 'string', multiple: true },
        'auth-method': { type: 'string', multiple: true },
        reporters: { type: 'string' },
        'reports-dir': { type: 'string' },
        bail: { type: 'boolean' },
        'timeout-request': { type: 'string' },
        'iteration-count': { type: 'string' },
        'iteration-data': { type: 'string' },
        'delay-request': { type: 'string' },
        'env-var': { type: 'string', multiple: true },
        'export-environment': { type: 'string' },
        insecure: { type: 'boolean' },
        'ssl-client-cert': { type: 'string' },
        'ssl-client-key': { type: 'string' },
        'ssl-extra-ca-certs': { type: 'string' },
      },
      USAGE,
    );
    const reporters = parseReporters(values.reporters);
    const timeoutRequest = integerOption(values['timeout-request'], 'timeout-request', 1, 3_600_000);
    const iterationCount = integerOption(values['iteration-count'], 'iteration-count', 1, 10_000);
    const delayRequest = integerOption(values['delay-request'], 'delay-request', 0, 600_000);
    const newman: NewmanOptions = {
      ...(timeoutRequest !== undefined ? { timeoutRequest } : {}),
      ...(iterationCount !== undefined ? { iterationCount } : {}),
      ...(delayRequest !== undefined ? { delayRequest } : {}),
      ...(values.insecure ? { insecure: true } : {}),
    };
    for (const [flag, key] of [
      ['iteration-data', 'iterationData'],
      ['ssl-client-cert', 'sslClientCert'],
      ['ssl-client-key', 'sslClientKey'],
      ['ssl-extra-ca-certs', 'sslExtraCaCerts'],
    ] as const) {
      const path = fileOption(values[flag], flag, io.cwd);
      if (path !== undefined) newman[key] = path;
    }
    // A client-key passphrase is a secret: from the process environment only, never argv.
    if (newman.sslClientKey && io.env.NETSUITE_SSL_CLIENT_PASSPHRASE) newman.sslClientPassphrase = io.env.NETSUITE_SSL_CLIENT_PASSPHRASE;
    const reportsDir = resolve(io.cwd, values['reports-dir'] ?? 'reports');
    let print: ((event: RunEvent) => void) | undefined;
    const result = await run(
      {
        ...(values.environment !== undefined ? { environment: values.environment } : {}),
        collections: values.collection ?? [],
        authMethods: values['auth-method'] ?? [],
        folders: values.folder ?? [],
        reporters,
        reportsDir,
        ...(values.bail ? { bail: true } : {}),
        newman,
        envVars: values['env-var'] ?? [],
        ...(values['export-environment'] !== undefined ? { exportEnvironment: values['export-environment'] } : {}),
        processEnv: io.env,
        cwd: io.cwd,
        interrupted: io.interrupted,
      },
      (event) => {
        if (event.type === 'environment') {
          if (event.source === 'file') {
            io.out(
              `Environment ${event.label} (account ${event.account})` +
                (event.fromProcess.length ? `; from the process environment: ${event.fromProcess.join(', ')}` : '') +
                '. Requests run one at a time.',
            );
          } else io.out(`No --environment: using the embedded NetSuite simulator at ${event.label}.`);
          if (event.envVarsSet.length) io.out(`--env-var set: ${event.envVarsSet.join(', ')}.`);
          return;
        }
        print ??= printRunEvents(io, { progress: reporters.includes('cli'), verbose: io.verbose === true });
        print(event);
      },
    );
    return printRunResult(io, result, reportsDir);
  },
};
