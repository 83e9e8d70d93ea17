import { resolve } from 'node:path';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { REPO_ROOT } from './generate.ts';
import { resolveCollections } from './runner/collectionNames.ts';
import { contractVariables } from './runner/contractVariables.ts';
import { simulatorHooks, startEmbeddedSimulator } from './runner/embeddedSimulator.ts';
import { getVariable, mergeProcessEnvironment, parseAuthMethods, readEnvironmentFile, secretValues } from './runner/environmentFile.ts';
import { prepareRuns, runMatrix } from './runner/runMatrix.ts';
import { integerOption, parseOptions, parseReporters } from './runner/runOptions.ts';

const USAGE = [
  'Usage: netsuite-postman run [--environment FILE] [--collection NAME] [--folder NAME] [--auth-method M]',
  '                            [--reporters cli,junit,html] [--reports-dir DIR] [--bail]',
  '                            [--timeout-request MS] [--iteration-count N] [--verbose]',
  '',
  'Runs the collections with Newman (programmatically), one request at a time. Without --environment',
  'it starts the embedded NetSuite simulator on a free loopback port and uses its environment.',
  '',
  'Options:',
  '  --environment, -e FILE  Postman environment to run against (e.g. from `netsuite-postman env`).',
  '                          Contract variables set in the process environment (NETSUITE_CLIENT_ID or',
  '                          client_id, …, as `netsuite-postman env` reads them) override the file, so',
  '                          secrets can stay out of files. Secrets are never taken from argv.',
  '  --collection NAME       rest, restlets, or the file stem (netsuite-rest, netsuite-restlets);',
  '                          repeatable or comma-separated. Default: both.',
  '  --folder NAME           Run only this folder or request (repeatable). The Auth folder always runs',
  '                          first, so the run can authenticate (M2M loads its signer there).',
  '  --auth-method M         m2m, tba, authcode or all (comma-separated for several): overrides the',
  "                          environment's auth_method; one run per method.",
  '  --reporters LIST        cli (a line per request and the summary), junit, html. Default: all three.',
  '  --reports-dir DIR       Where JUnit XML and HTML reports go (default: reports/).',
  '                          One pair per collection × auth method: <collection>-<method>.xml/.html.',
  '  --bail                  Stop at the first failing request (and run no further collection).',
  '  --timeout-request MS    Fail a request (and a scripted token request) after MS milliseconds.',
  '  --iteration-count N     Run each collection N times.',
  '  --verbose               Print the stack of an internal error.',
  '',
  'Exit codes: 0 every assertion passed, 1 something failed, 2 bad usage or input (missing or invalid',
  'environment file, unknown collection, folder, auth method or flag), 3 internal error.',
].join('\n');

export const runCommand: Command = {
  name: 'run',
  summary: 'Run the collections with Newman against an environment file or the embedded simulator.',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseOptions(
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
      },
      USAGE,
    );
    const collections = resolveCollections((values.collection as string[] | undefined) ?? []);
    const authMethods = parseAuthMethods((values['auth-method'] as string[] | undefined) ?? []);
    const reporters = parseReporters(values.reporters as string | undefined);
    const timeoutRequest = integerOption(values['timeout-request'] as string | undefined, 'timeout-request', 1, 3_600_000);
    const iterationCount = integerOption(values['iteration-count'] as string | undefined, 'iteration-count', 1, 10_000);
    const folders = ((values.folder as string[] | undefined) ?? []).filter((name) => name.trim() !== '');
    const reportsDir = resolve(io.cwd, (values['reports-dir'] as string | undefined) ?? 'reports');
    prepareRuns(REPO_ROOT, collections, folders); // usage errors before anything starts
    const common = {
      root: REPO_ROOT,
      collections,
      ...(authMethods ? { authMethods } : {}),
      ...(folders.length ? { folders } : {}),
      reporters,
      reportsDir,
      ...(values.bail ? { bail: true } : {}),
      ...(timeoutRequest !== undefined ? { timeoutRequest } : {}),
      ...(iterationCount !== undefined ? { iterationCount } : {}),
    };

    const file = values.environment as string | undefined;
    if (file !== undefined) {
      const contract = contractVariables();
      const read = readEnvironmentFile(file, io.cwd);
      const { environment, fromProcess } = mergeProcessEnvironment(read, io.env, contract);
      const account = getVariable(environment, 'account_id')?.trim();
      if (!account) {
        throw new CliError('MISSING_ACCOUNT_ID', `account_id is empty in ${file}: set it there or export NETSUITE_ACCOUNT_ID.`, EXIT.usage);
      }
      io.out(
        `Environment ${file} (account ${account})` +
          (fromProcess.length ? `; from the process environment: ${fromProcess.join(', ')}` : '') +
          '. Requests run one at a time.',
      );
      const { exitCode } = await runMatrix({ ...common, environment, secrets: secretValues(environment, contract) }, io);
      return exitCode;
    }

    const simulator = await startEmbeddedSimulator();
    try {
      io.out(`No --environment: using the embedded NetSuite simulator at ${simulator.baseUrl}.`);
      const secrets = secretValues(simulator.environment, []);
      const { exitCode } = await runMatrix({ ...common, environment: simulator.environment, secrets, simulator: simulatorHooks(simulator) }, io);
      return exitCode;
    } finally {
      await simulator.stop();
    }
  },
};
