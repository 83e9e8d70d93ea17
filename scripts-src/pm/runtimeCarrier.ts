// The run's runtime (scripts-src/runtime.ts) as collection-prerequest.js carries it: deflated and
// base64-encoded (build/runtimeCarrier.mjs). The first request of a run (and every Send in the
// Postman app, a run of one request) inflates and compiles it and keeps it for the run
// (installedRuntime.ts); every other request only binds its own sandbox names and calls it.
// See docs/design.md, "One runtime per run".
import { inflate } from './lazyInflate.cjs';
import { bound, type CompiledRuntime, keepForRun, type RuntimeExports, runtimeOfRun } from './installedRuntime';

export interface RuntimePayload {
  /** name@sha256 of the exact text: a run never keeps a runtime of another collection version. */
  key: string;
  /** Length of the text (ASCII: one byte a character). */
  size: number;
  /** The text, deflated and base64-encoded. */
  deflated: string;
}

type BufferModule = { Buffer: { from(data: ArrayLike<number> | string, encoding?: string): Uint8Array & { toString(encoding: string): string } } };
declare const require: (name: 'buffer') => BufferModule;

/** The runtime's text from its payload. */
export function runtimeText(payload: RuntimePayload): string {
  const { Buffer } = require('buffer');
  const text = Buffer.from(inflate(Buffer.from(payload.deflated, 'base64'), new Uint8Array(payload.size))).toString('latin1');
  if (text.length !== payload.size) throw new Error(`the runtime ${payload.key} inflated to ${text.length} bytes, not ${payload.size}`);
  return text;
}

/** Compiles the runtime in the context's global scope: nothing of the hook's scope is visible to it but what `bind` passes. */
function compile(payload: RuntimePayload): CompiledRuntime {
  // The sourceURL names it in stack traces and the Postman console.
  return Function(`return ${runtimeText(payload)}()\n//# sourceURL=netsuite-postman/${payload.key.replace(/@.*/, '')}.js`)() as CompiledRuntime;
}

/** The runtime for this execution: the run's, or compiled from `payload` when the run has none of this key yet. */
export function runtimeFrom(payload: RuntimePayload): RuntimeExports {
  const installed = runtimeOfRun();
  if (installed && installed.key === payload.key) return bound(installed.compiled);
  const compiled = compile(payload);
  keepForRun(payload.key, compiled);
  return bound(compiled);
}
