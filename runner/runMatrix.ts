import { writeFileSync } from 'node:fs';
import { createRedactor } from '../scripts-src/core/redact.ts';
import { loadCollection, type CollectionRef, type PostmanCollectionJson } from './collectionNames.ts';
import { authMethodOf, exportableEnvironment, withVariable, type RunnerEnvironment } from './environmentFile.ts';
import { AUTH_FOLDER, itemNames, planFolders, topLevelFolders } from './folders.ts';
import { runNewman, type ItemResult, type NewmanOptions } from './newmanRun.ts';
import { ensureDirectory, newmanReporters, redactReportFiles, reportTargets, type ReporterName } from './reportFiles.ts';
import { RunnerError } from './RunnerError.ts';

/** What the embedded simulator offers a run: a clean state, and its count of minted tokens. */
export interface SimulatorHooks {
  reset(): void;
  tokensMinted(): number;
}

/** One row of the summary: a collection run with one auth method. */
export interface SummaryRow {
  collection: string;
  authMethod: string;
  requests: number;
  assertions: number;
  failures: number;
  /** Access tokens minted during the run; undefined when unknown. */
  tokens?: number;
  durationMs: number;
}

export interface RunPlan {
  /** Directory holding `collections/`. */
  root: string;
  collections: readonly CollectionRef[];
  /** One run per method; undefined: one run with the environment's own auth_method. */
  authMethods?: readonly string[];
  environment: RunnerEnvironment;
  folders?: readonly string[];
  reporters: readonly ReporterName[];
  reportsDir: string;
  bail?: boolean;
  /** Newman's own options, passed through (timeouts, delay, iteration data, TLS). */
  newman?: NewmanOptions;
  /** Write the environment as the run left it here (tokens and assertions stripped); the last run wins. */
  exportEnvironment?: string;
  /** Values never printed (and replaced in reports). */
  secrets: readonly string[];
  simulator?: SimulatorHooks;
  /** Resolves when the user asks to stop: the current run finishes, no further run starts. */
  interrupted?: Promise<string>;
}

/** What the runner reports as it goes; the caller decides what to print. Every text is redacted. */
export type RunEvent =
  | { type: 'run-start'; collection: string; stem: string; version: string; authMethod: string; folders: string }
  | { type: 'item'; collection: string; authMethod: string; item: ItemResult }
  | { type: 'run-error'; collection: string; authMethod: string; message: string }
  | { type: 'run-end'; row: SummaryRow }
  | { type: 'interrupt'; signal: string }
  | { type: 'skipped'; collection: string; folders: readonly string[] };

export interface RunMatrixResult {
  rows: SummaryRow[];
  /** Report files written (JUnit XML, HTML, JSON). */
  reports: string[];
  /** Collections that have none of the asked folders (not run). */
  skipped: string[];
  /** Runs planned: collections × auth methods. */
  planned: number;
  failed: boolean;
  /** Set when the user interrupted (the signal name). */
  interrupted?: string;
  /** True when --bail stopped the matrix before every run. */
  bailed: boolean;
  /** The redaction the runner applied, for the caller's own lines. */
  redact: (text: string) => string;
}

export interface PreparedRun {
  ref: CollectionRef;
  collection: PostmanCollectionJson;
  folder?: string[];
}

/**
 * Loads the collections and checks the folders before anything is sent (or a simulator started):
 * a name that no selected collection has is an error listing the folders. A collection that has
 * none of the asked names is left out (`skipped`).
 */
export function prepareRuns(
  root: string,
  collections: readonly CollectionRef[],
  folders: readonly string[] | undefined,
): { runs: PreparedRun[]; skipped: string[] } {
  const loaded = collections.map((ref) => ({ ref, collection: loadCollection(root, ref) }));
  if (!folders || folders.length === 0) return { runs: loaded, skipped: [] };
  const unknown = folders.filter((name) => !loaded.some(({ collection }) => itemNames(collection).includes(name)));
  if (unknown.length > 0) {
    const known = loaded.map(({ ref, collection }) => `${ref.name}: ${topLevelFolders(collection).join(', ')}`).join('; ');
    throw new RunnerError(
      'UNKNOWN_FOLDER',
      `no folder or request named ${unknown.map((name) => `"${name}"`).join(', ')} in ${loaded.map(({ ref }) => ref.name).join(' or ')}. Folders — ${known}.`,
    );
  }
  const runs: PreparedRun[] = [];
  const skipped: string[] = [];
  for (const { ref, collection } of loaded) {
    const folder = planFolders(collection, folders);
    if (folder) runs.push({ ref, collection, folder });
    else skipped.push(ref.name);
  }
  return { runs, skipped };
}

/** The item with every text field redacted: events never carry a secret. */
function redactItem(item: ItemResult, redact: (text: string) => string): ItemResult {
  return {
    ...item,
    label: redact(item.label),
    ...(item.url !== undefined ? { url: redact(item.url) } : {}),
    ...(item.requestError !== undefined ? { requestError: redact(item.requestError) } : {}),
    assertions: item.assertions.map((a) => ({ ...a, name: redact(a.name), ...(a.error !== undefined ? { error: redact(a.error) } : {}) })),
    scriptErrors: item.scriptErrors.map(redact),
    scriptRequests: item.scriptRequests.map((r) => ({ ...r, ...(r.error !== undefined ? { error: redact(r.error) } : {}) })),
    console: item.console.map((line) => ({ ...line, text: redact(line.text) })),
  };
}

function describeFolders(folder: readonly string[] | undefined, asked: readonly string[] | undefined): string {
  if (!folder) return 'every folder';
  const addedAuth = folder[0] === AUTH_FOLDER && !(asked ?? []).includes(AUTH_FOLDER);
  return `${folder.map((name) => `"${name}"`).join(', ')}${addedAuth ? ' (Auth first, so the run can authenticate)' : ''}`;
}

/**
 * Runs every collection × auth method of the plan, one after the other: a single process never
 * sends two requests at once, which keeps a run inside NetSuite's per-account concurrency limit
 * (CI fans out across jobs instead; see docs/ci.md). Reports progress through `onEvent`; prints
 * nothing.
 */
export async function runMatrix(plan: RunPlan, onEvent: (event: RunEvent) => void = () => {}): Promise<RunMatrixResult> {
  const { runs: prepared, skipped } = prepareRuns(plan.root, plan.collections, plan.folders);
  if (prepared.length === 0) throw new RunnerError('NOTHING_TO_RUN', 'nothing to run: no selected collection has the asked folders.');
  for (const name of skipped) onEvent({ type: 'skipped', collection: name, folders: plan.folders ?? [] });
  const redact = createRedactor(plan.secrets);
  const methods = plan.authMethods && plan.authMethods.length > 0 ? plan.authMethods : [authMethodOf(plan.environment)];
  if (plan.reporters.some((name) => name !== 'cli')) ensureDirectory(plan.reportsDir);

  const rows: SummaryRow[] = [];
  const reports: string[] = [];
  let bailed = false;
  let interrupted: string | undefined;
  void plan.interrupted?.then((signal) => {
    interrupted = signal;
    onEvent({ type: 'interrupt', signal });
  });

  for (const { ref, collection, folder } of prepared) {
    for (const method of methods) {
      if (bailed || interrupted) break;
      const environment = withVariable(plan.environment, 'auth_method', method);
      const targets = reportTargets(plan.reportsDir, ref.stem, method, plan.reporters);
      const { reporters, reporter } = newmanReporters(targets, `${collection.info.name} — ${method}`);
      onEvent({ type: 'run-start', collection: ref.name, stem: ref.stem, version: collection.info.version ?? '', authMethod: method, folders: describeFolders(folder, plan.folders) });
      plan.simulator?.reset();
      const result = await runNewman({
        collection,
        environment,
        ...(folder ? { folder } : {}),
        ...(plan.bail ? { bail: true } : {}),
        ...(plan.newman ?? {}),
        reporters,
        reporter,
        onItem: (item) => onEvent({ type: 'item', collection: ref.name, authMethod: method, item: redactItem(item, redact) }),
      });
      redactReportFiles(targets, redact);
      if (plan.exportEnvironment && result.environment) {
        writeFileSync(plan.exportEnvironment, redact(`${JSON.stringify(exportableEnvironment(result.environment, plan.environment), null, 2)}\n`), { mode: 0o600 });
      }
      if (result.runError) onEvent({ type: 'run-error', collection: ref.name, authMethod: method, message: redact(result.runError) });
      const failures = result.failures + (result.runError ? 1 : 0);
      const row: SummaryRow = {
        collection: ref.name,
        authMethod: method,
        requests: result.requests,
        assertions: result.assertions,
        failures,
        tokens: plan.simulator ? plan.simulator.tokensMinted() : result.tokensSeen,
        durationMs: result.durationMs,
      };
      rows.push(row);
      onEvent({ type: 'run-end', row });
      for (const file of Object.values(targets)) if (file) reports.push(file);
      if (plan.bail && failures > 0) bailed = true;
    }
  }
  const planned = prepared.length * methods.length;
  return {
    rows,
    reports,
    skipped,
    planned,
    failed: rows.some((row) => row.failures > 0) || interrupted !== undefined,
    ...(interrupted ? { interrupted } : {}),
    bailed: bailed && rows.length < planned,
    redact,
  };
}
