import type { ItemResult } from '../runner/newmanRun.ts';

export interface ProgressContext {
  collection: string;
  authMethod: string;
}

/** How many assertions of the item passed, failed and were skipped. */
export function assertionCounts(item: ItemResult): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const assertion of item.assertions) {
    if (assertion.skipped) skipped += 1;
    else if (assertion.error !== undefined) failed += 1;
    else passed += 1;
  }
  return { passed, failed, skipped };
}

export function itemFailed(item: ItemResult): boolean {
  return assertionCounts(item).failed > 0 || item.scriptErrors.length > 0 || item.requestError !== undefined;
}

/**
 * One line per request — collection, auth method, request, status, time, assertions — then, for a
 * failing request, one indented line per failed assertion or error and the scripts' console
 * diagnosis. Never a header, a body or a variable value; `redact` is applied to every line anyway.
 */
export function formatItem(context: ProgressContext, item: ItemResult, redact: (text: string) => string): string[] {
  const { passed, failed, skipped } = assertionCounts(item);
  const failedItem = itemFailed(item);
  const status = item.code !== undefined ? `${item.code} ${item.status ?? ''}`.trim() : item.requestError ? 'no response' : 'skipped';
  const time = item.timeMs !== undefined ? `${item.timeMs} ms` : '-';
  const total = passed + failed;
  const tests = total === 0 ? 'no tests' : failed === 0 ? `${passed}/${total} passed` : `${failed}/${total} FAILED`;
  const extra = [
    skipped ? `${skipped} skipped` : '',
    item.scriptRequests.length ? `${item.scriptRequests.length} scripted request${item.scriptRequests.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const mark = failedItem ? 'FAIL' : 'ok  ';
  const head = `${mark} [${context.collection} · ${context.authMethod}] ${item.label} — ${status}, ${time}, ${tests}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  const lines = [head];
  if (failedItem) {
    if (item.requestError) lines.push(`       request error: ${item.requestError}`);
    for (const error of item.scriptErrors) lines.push(`       script error: ${error}`);
    for (const assertion of item.assertions) if (assertion.error !== undefined && !assertion.skipped) lines.push(`       ✗ ${assertion.name}: ${assertion.error}`);
    for (const line of item.console) if (line.level !== 'log' || item.console.length <= 5) lines.push(`       console.${line.level}: ${line.text}`);
  }
  return lines.map(redact);
}

/** `--verbose` (as Newman means it): the request as sent, the response size and time, every console line. */
export function formatVerbose(item: ItemResult, redact: (text: string) => string): string[] {
  const lines: string[] = [];
  if (item.url) lines.push(`       ${item.method} ${item.url}`);
  if (item.code !== undefined) lines.push(`       ↳ ${item.code} ${item.status ?? ''}, ${item.responseBytes ?? '?'} bytes, ${item.timeMs ?? '?'} ms`.replace(/ ,/, ','));
  for (const request of item.scriptRequests) lines.push(`       scripted request: ${request.code ?? request.error ?? 'no answer'}`);
  if (!itemFailed(item)) for (const line of item.console) lines.push(`       console.${line.level}: ${line.text}`);
  return lines.map(redact);
}
