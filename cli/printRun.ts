import { isAbsolute, relative } from 'node:path';
import type { RunEvent, RunMatrixResult } from '../runner/runMatrix.ts';
import type { CliIo } from './cliTypes.ts';
import { EXIT } from './cliTypes.ts';
import { formatItem, formatVerbose } from './progressReporter.ts';
import { formatSummaryTable } from './summaryTable.ts';

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

const asIs = (text: string) => text;

/**
 * The runner's events as the terminal shows them: a header per run, one line per request (with
 * --verbose also its URL, size and every console line), run errors on stderr. The runner has
 * redacted every text of an event already.
 */
export function printRunEvents(io: CliIo, options: { progress: boolean; verbose?: boolean }): (event: RunEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'run-start':
        if (options.progress) io.out(`\n▶ ${event.collection} (${event.stem} ${event.version}) · auth_method ${event.authMethod} · ${event.folders}`);
        return;
      case 'item':
        if (!options.progress) return;
        for (const line of formatItem({ collection: event.collection, authMethod: event.authMethod }, event.item, asIs)) io.out(line);
        if (options.verbose) for (const line of formatVerbose(event.item, asIs)) io.out(line);
        return;
      case 'run-error':
        io.err(`run error (${event.collection} · ${event.authMethod}): ${event.message}`);
        return;
      case 'interrupt':
        io.err(`${event.signal}: stopping after the current run (press Ctrl+C again to quit at once).`);
        return;
      case 'skipped':
        io.out(`note: ${event.collection} has none of ${event.folders.map((folder) => `"${folder}"`).join(', ')}; not run.`);
        return;
      case 'run-end':
        return;
    }
  };
}

/** The summary table, the report files and the verdict; returns the exit code. */
export function printRunResult(io: CliIo, result: RunMatrixResult, reportsDir: string): number {
  io.out('');
  for (const line of formatSummaryTable(result.rows)) io.out(line);
  if (result.reports.length > 0) {
    io.out('');
    io.out(`Reports in ${displayPath(io.cwd, reportsDir)}/: ${result.reports.map((file) => relative(reportsDir, file)).join(', ')}`);
  }
  if (result.interrupted) {
    io.err(`Interrupted (${result.interrupted}) after ${result.rows.length} of ${result.planned} runs.`);
    return EXIT.failed;
  }
  if (result.bailed) io.err(`--bail: stopped after the first failing run (${result.rows.length} of ${result.planned} runs).`);
  io.out(result.failed ? 'FAILED: see the FAIL lines above and the reports.' : `PASSED: ${result.rows.length} run${result.rows.length === 1 ? '' : 's'}, no failures.`);
  return result.failed ? EXIT.failed : EXIT.ok;
}
