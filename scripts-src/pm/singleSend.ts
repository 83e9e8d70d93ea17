// Whether the current request is a single Send (the Postman app's Send button: a run of this one
// request) or part of a collection run (Newman, the Collection Runner, the Postman CLI): a run can
// send a refused request again (pm.execution.setNextRequest), a Send cannot.
//
// pm has no such flag (postmanlabs/postman-app-support#7687, #13882). The run's length is on the
// legacy `postman` object only — `postman.__execution.cursor.length`, postman-runtime's run cursor
// (lib/runner/cursor.js), kept by the sandbox in lib/sandbox/execution.js — and both collection
// hooks are `"use sandbox2";` (no legacy globals: they cost every request 2–3 %, bench/RESULTS.md
// section 8). So, most certain first:
// 1. a script with the legacy object read the length in this run: the Auth requests' item scripts
//    note it for the run (noteRunLength), and read it themselves;
// 2. the runtime has seen more than one request in this run: a Send has exactly one;
// 3. the first request of a run, and no Auth request before it: Newman 6 (postman-sandbox 4.7.1,
//    the engine without Web Crypto) has no Send button, so it is a run; in the engine of the Postman
//    app and CLI it is taken for a Send, the common case there. The cost: a run in that engine that
//    does not start with the Auth folder answers a 401 or 429 on its first request with "Send it
//    again" instead of sending it again.

import { webCryptoSubtle } from './webCrypto';

declare const postman: unknown;
/** The run's length as a script with the legacy object read it; an implicit global, so it lasts the run. */
declare let __netsuitePostmanRunLength: number | undefined;

/** Requests the collection pre-request hook has seen in this run (the runtime lives for the run). */
let requestsOfRun = 0;

/**
 * The run's length from the legacy `postman` object, read through its property descriptor: the
 * sandbox wraps that object in a Proxy whose `get` logs a deprecation warning, and a descriptor
 * read does not go through `get`. Undefined in a `"use sandbox2";` script.
 */
function cursorLength(): number | undefined {
  if (typeof postman === 'undefined' || !postman) return undefined;
  const execution = Object.getOwnPropertyDescriptor(postman, '__execution');
  const cursor = execution && execution.value ? (execution.value as { cursor?: { length?: unknown } }).cursor : undefined;
  return cursor && typeof cursor.length === 'number' ? cursor.length : undefined;
}

/** Item scripts with the legacy object (the Auth requests'): keeps the run's length for the run's other scripts. */
export function noteRunLength(): void {
  const length = cursorLength();
  if (length !== undefined) __netsuitePostmanRunLength = length;
}

/** Collection pre-request, every request: one more request in this run. */
export function noteRequest(): void {
  requestsOfRun += 1;
}

export function isSingleSend(): boolean {
  const length = cursorLength() ?? (typeof __netsuitePostmanRunLength === 'number' ? __netsuitePostmanRunLength : undefined);
  if (length !== undefined) return length === 1;
  if (requestsOfRun > 1) return false;
  return webCryptoSubtle() !== undefined;
}
