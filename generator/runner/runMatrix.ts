import { isAbsolute, relative } from 'node:path';
import { CliError, EXIT, type CliIo } from '../cliTypes.ts';
import { loadCollection, type CollectionRef, type PostmanCollectionJson } from './collectionNames.ts';
import { authMethodOf, withVariable, type RunnerEnvironment } from './environmentFile.ts';
import { AUTH_FOLDER, itemNames, planFolders, topLevelFolders } from './folders.ts';
import { runNewman } from './newmanRun.ts';
import { formatItem } from './progressReporter.ts';
import { createRedactor } from './redact.ts';
import { ensureDirectory, newmanReporters, redactReportFiles, reportTargets, type ReporterName } from './reportFiles.ts';
import { formatSummaryTable, type SummaryRow } from './summaryTable.ts';

/** What the embedded simulator offers a run: a clean state, and its count of minted tokens. */
export interface SimulatorHooks {
  reset(): void;
  tokensMinted(): number;
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
  timeoutRequest?: number;
  iterationCount?: number;
  /** Values never printed (and replaced in reports). */
  secrets: readonly string[];
  simulator?: SimulatorHooks;
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export interface PreparedRun {
  ref: CollectionRef;
  collection: PostmanCollectionJson;
  folder?: string[];
}

/**
 * Loads the collections and checks the folders before anything is sent (or a simulator started):
 * a name that no selected collection has is a usage error listing the folders. A collection that
 * has none of the asked names is left out (`skipped`).
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
    throw new CliError(
      'UNKNOWN_FOLDER',
      `no folder or request named ${unknown.map((name) => `"${name}"`).join(', ')} in ${loaded.map(({ ref }) => ref.name).join(' or ')}. Folders — ${known}.`,
      EXIT.usage,
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

function describeFolders(folder: readonly string[] | undefined, asked: readonly string[] | undefined): string {
  if (!folder) return 'every folder';
  const addedAuth = folder[0] === AUTH_FOLDER && !(asked ?? []).includes(AUTH_FOLDER);
  return `${folder.map((name) => `"${name}"`).join(', ')}${addedAuth ? ' (Auth first, so the run can authenticate)' : ''}`;
}

/**
 * Runs every collection × auth method of the plan, one after the other: a single process never
 * sends two requests at once, which keeps a run inside NetSuite's per-account concurrency limit
 * (CI fans out across jobs instead; see docs/ci.md). Prints a line per request and the summary
 * table; returns the exit code.
 */
export async function runMatrix(plan: RunPlan, io: CliIo): Promise<{ exitCode: number; rows: SummaryRow[] }> {
  const { runs: prepared, skipped } = prepareRuns(plan.root, plan.collections, plan.folders);
  for (const name of skipped) io.out(`note: ${name} has none of ${(plan.folders ?? []).map((folder) => `"${folder}"`).join(', ')}; not run.`);
  if (prepared.length === 0) throw new CliError('NOTHING_TO_RUN', 'nothing to run: no selected collection has the asked folders.', EXIT.usage);
  const redact = createRedactor(plan.secrets);
  const methods = plan.authMethods && plan.authMethods.length > 0 ? plan.authMethods : [authMethodOf(plan.environment)];
  const printProgress = plan.reporters.includes('cli');
  if (plan.reporters.includes('junit') || plan.reporters.includes('html')) ensureDirectory(plan.reportsDir);

  const rows: SummaryRow[] = [];
  const reports: string[] = [];
  let stop = false;
  let interrupted: string | undefined;
  void io.interrupted.then((signal) => {
    interrupted = signal;
    io.err(`${signal}: stopping after the current run (press Ctrl+C again to quit at once).`);
  });

  for (const { ref, collection, folder } of prepared) {
    for (const method of methods) {
      if (stop || interrupted) break;
      const environment = withVariable(plan.environment, 'auth_method', method);
      const targets = reportTargets(plan.reportsDir, ref.stem, method, plan.reporters);
      const { reporters, reporter } = newmanReporters(targets, `${collection.info.name} — ${method}`);
      if (printProgress) io.out(`\n▶ ${ref.name} (${ref.stem} ${collection.info.version ?? ''}) · auth_method ${method} · ${describeFolders(folder, plan.folders)}`);
      plan.simulator?.reset();
      const context = { collection: ref.name, authMethod: method };
      const result = await runNewman({
        collection,
        environment,
        ...(folder ? { folder } : {}),
        ...(plan.bail ? { bail: true } : {}),
        ...(plan.timeoutRequest !== undefined ? { timeoutRequest: plan.timeoutRequest } : {}),
        ...(plan.iterationCount !== undefined ? { iterationCount: plan.iterationCount } : {}),
        reporters,
        reporter,
        onItem: (item) => {
          if (printProgress) for (const line of formatItem(context, item, redact)) io.out(line);
        },
      });
      redactReportFiles(targets, redact);
      if (result.runError) io.err(redact(`run error (${ref.name} · ${method}): ${result.runError}`));
      const failures = result.failures + (result.runError ? 1 : 0);
      rows.push({
        collection: ref.name,
        authMethod: method,
        requests: result.requests,
        assertions: result.assertions,
        failures,
        tokens: plan.simulator ? plan.simulator.tokensMinted() : result.tokensSeen,
        durationMs: result.durationMs,
      });
      for (const file of [targets.junit, targets.html]) if (file) reports.push(file);
      if (plan.bail && failures > 0) stop = true;
    }
  }

  io.out('');
  for (const line of formatSummaryTable(rows)) io.out(line);
  if (reports.length > 0) {
    io.out('');
    const bases = [...new Set(reports.map((file) => relative(plan.reportsDir, file).replace(/\.(xml|html)$/, '')))];
    const kinds = [plan.reporters.includes('junit') ? 'xml' : '', plan.reporters.includes('html') ? 'html' : ''].filter(Boolean);
    const suffix = kinds.length > 1 ? `.{${kinds.join(',')}}` : `.${kinds[0]}`;
    io.out(`Reports (${kinds.map((kind) => (kind === 'xml' ? 'JUnit XML' : 'HTML')).join(' + ')}) in ${displayPath(io.cwd, plan.reportsDir)}/: ${bases.map((base) => `${base}${suffix}`).join(', ')}`);
  }
  const failed = rows.some((row) => row.failures > 0);
  const planned = prepared.length * methods.length;
  if (interrupted) {
    io.err(`Interrupted (${interrupted}) after ${rows.length} of ${planned} runs.`);
    return { exitCode: EXIT.failed, rows };
  }
  if (stop && rows.length < planned) io.err(`--bail: stopped after the first failing run (${rows.length} of ${planned} runs).`);
  io.out(failed ? 'FAILED: see the FAIL lines above and the reports.' : `PASSED: ${rows.length} run${rows.length === 1 ? '' : 's'}, no failures.`);
  return { exitCode: failed ? EXIT.failed : EXIT.ok, rows };
}

