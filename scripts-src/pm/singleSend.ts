// Whether the current request is a single Send (the Postman app's Send button: a run of this one
// request) or part of a collection run (Newman, the Collection Runner, the Postman CLI).
//
// pm has no such flag (postmanlabs/postman-app-support#7687, #13882). Both sandboxes (4.7.1 and
// 6.7.x) hand the script postman-runtime's run cursor on the legacy `postman` object:
// `postman.__execution.cursor.length` is the number of requests in the run (postman-runtime
// lib/runner/cursor.js; the sandbox keeps it in lib/sandbox/execution.js as `cursor`). A Send is a
// run of length 1, where pm.execution.setNextRequest has nothing to go to; a run of several
// requests can send one again. Where the cursor is missing, it is treated as a run (as before).

declare const postman: { __execution?: { cursor?: { length?: unknown } } } | undefined;

export function isSingleSend(): boolean {
  const length = typeof postman !== 'undefined' && postman && postman.__execution && postman.__execution.cursor
    ? postman.__execution.cursor.length
    : undefined;
  return length === 1;
}
