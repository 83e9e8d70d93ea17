// Whether the current request is a single Send (the Postman app's Send button: a run of this one
// request) or part of a collection run (Newman, the Collection Runner, the Postman CLI).
//
// pm has no such flag (postmanlabs/postman-app-support#7687, #13882). Both sandboxes (4.7.1 and
// 6.7.x) hand the script postman-runtime's run cursor on the legacy `postman` object:
// `postman.__execution.cursor.length` is the number of requests in the run (postman-runtime
// lib/runner/cursor.js; the sandbox keeps it in lib/sandbox/execution.js as `cursor`). A Send is a
// run of length 1, where pm.execution.setNextRequest has nothing to go to; a run of several
// requests can send one again. Where the cursor is missing, it is treated as a run (as before).
//
// The legacy object exists only in scripts without `"use sandbox2";`. collection-test.js has the
// marker (the legacy globals there copy the whole response, every request), so the run's length is
// read by collection-prerequest.js, which keeps the legacy globals, and remembered for the run in
// the runtime (noteRun); token-response.js, an item script without the marker, reads it itself.

declare const postman: unknown;

let singleSendOfRun: boolean | undefined;

/**
 * The run's length from the legacy `postman` object, read through its property descriptor: the
 * sandbox wraps that object in a Proxy whose `get` logs a deprecation warning, and a descriptor
 * read does not go through `get`.
 */
function runLength(): unknown {
  if (typeof postman === 'undefined' || !postman) return undefined;
  const execution = Object.getOwnPropertyDescriptor(postman, '__execution');
  const cursor = execution && execution.value ? (execution.value as { cursor?: { length?: unknown } }).cursor : undefined;
  return cursor ? cursor.length : undefined;
}

/** Pre-request, once per run: remembers whether this run is a single Send (the length never changes within a run). */
export function noteRun(): void {
  if (singleSendOfRun === undefined) singleSendOfRun = runLength() === 1;
}

export function isSingleSend(): boolean {
  return singleSendOfRun !== undefined ? singleSendOfRun : runLength() === 1;
}
