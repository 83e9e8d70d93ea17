import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../generator/packageRoot.ts';
import { resolveCollections } from './collectionNames.ts';
import { contractVariables } from './contractVariables.ts';
import { simulatorHooks, startEmbeddedSimulator } from './embeddedSimulator.ts';
import {
  applyEnvVars,
  getVariable,
  mergeProcessEnvironment,
  parseAuthMethods,
  readEnvironmentFile,
  secretValues,
  type RunnerEnvironment,
} from './environmentFile.ts';
import type { NewmanOptions } from './newmanRun.ts';
import { DEFAULT_REPORTERS, type ReporterName } from './reportFiles.ts';
import { prepareRuns, runMatrix, type RunEvent, type RunMatrixResult } from './runMatrix.ts';
import { RunnerError } from './RunnerError.ts';

export interface RunOptions {
  /** A Postman environment file (relative to `cwd`) or object; none: the embedded simulator. */
  environment?: string | RunnerEnvironment;
  /** `rest`, `restlets`, a file stem, or the path of a collection file; default: every built-in collection. */
  collections?: readonly string[];
  /** m2m, tba, authcode or all; default: the environment's auth_method. */
  authMethods?: readonly string[];
  /** Folders or requests to run; the Auth folder always runs first. */
  folders?: readonly string[];
  /** Default: cli, junit, html (cli only means progress events; it writes nothing). */
  reporters?: readonly ReporterName[];
  /** Default: `<cwd>/reports`. */
  reportsDir?: string;
  bail?: boolean;
  newman?: NewmanOptions;
  /** `KEY=VALUE` for non-secret variables; secret ones are refused (RunnerError SECRET_ENV_VAR). */
  envVars?: readonly string[];
  /** Write the environment as the run left it (tokens and assertions stripped). */
  exportEnvironment?: string;
  /** Contract variables (`NETSUITE_CLIENT_ID` or `client_id`) that override the file; default: none. */
  processEnv?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  interrupted?: Promise<string>;
}

/** Where the run's environment came from, for the caller to show (names only, never values). */
export type RunSetupEvent = {
  type: 'environment';
  source: 'file' | 'simulator';
  label: string;
  account: string;
  fromProcess: string[];
  envVarsSet: string[];
};

/**
 * Runs collections with Newman the way `netsuite-postman run` does: the package's collections (or
 * the user's files) against an environment file, or against the embedded simulator when none is
 * given. One request at a time. Throws RunnerError for bad input before anything is sent.
 */
export async function run(options: RunOptions = {}, onEvent: (event: RunEvent | RunSetupEvent) => void = () => {}): Promise<RunMatrixResult> {
  const cwd = options.cwd ?? process.cwd();
  const collections = resolveCollections(options.collections ?? [], cwd);
  const authMethods = parseAuthMethods(options.authMethods ?? []);
  const folders = (options.folders ?? []).filter((name) => name.trim() !== '');
  prepareRuns(PACKAGE_ROOT, collections, folders); // input errors before anything starts
  const contract = contractVariables();
  const common = {
    root: PACKAGE_ROOT,
    collections,
    ...(authMethods ? { authMethods } : {}),
    ...(folders.length ? { folders } : {}),
    reporters: options.reporters ?? DEFAULT_REPORTERS,
    reportsDir: resolve(cwd, options.reportsDir ?? 'reports'),
    ...(options.bail ? { bail: true } : {}),
    ...(options.newman ? { newman: options.newman } : {}),
    ...(options.exportEnvironment ? { exportEnvironment: resolve(cwd, options.exportEnvironment) } : {}),
    ...(options.interrupted ? { interrupted: options.interrupted } : {}),
  };

  if (options.environment !== undefined) {
    const read = typeof options.environment === 'string' ? readEnvironmentFile(options.environment, cwd) : options.environment;
    const label = typeof options.environment === 'string' ? options.environment : read.name;
    const merged = mergeProcessEnvironment(read, options.processEnv ?? {}, contract);
    const applied = applyEnvVars(merged.environment, options.envVars ?? [], contract);
    const environment = applied.environment;
    const account = getVariable(environment, 'account_id')?.trim();
    if (!account) throw new RunnerError('MISSING_ACCOUNT_ID', `account_id is empty in ${label}: set it there or export NETSUITE_ACCOUNT_ID.`);
    onEvent({ type: 'environment', source: 'file', label, account, fromProcess: merged.fromProcess, envVarsSet: applied.set });
    return runMatrix({ ...common, environment, secrets: secretValues(environment, contract) }, onEvent);
  }

  const simulator = await startEmbeddedSimulator();
  try {
    const applied = applyEnvVars(simulator.environment, options.envVars ?? [], contract);
    onEvent({ type: 'environment', source: 'simulator', label: simulator.baseUrl, account: simulator.account.realm, fromProcess: [], envVarsSet: applied.set });
    return await runMatrix(
      { ...common, environment: applied.environment, secrets: secretValues(applied.environment, contract), simulator: simulatorHooks(simulator) },
      onEvent,
    );
  } finally {
    await simulator.stop();
  }
}
