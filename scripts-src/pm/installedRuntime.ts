// The run's runtime once compiled (scripts-src/pm/runtimeCarrier.ts): kept in an implicit global,
// which both sandbox engines keep for the rest of the run (in the Postman app a Send is a run of
// one request). Every execution binds its own sandbox names before calling it.

/** What the runtime's text evaluates to (build/runtimeCarrier.mjs, wrapRuntime). */
export interface CompiledRuntime {
  /** Sets the runtime's sandbox names (build/runtimeCarrier.mjs's RUNTIME_PARAMETERS, in order). */
  bind(...names: unknown[]): void;
  exports: RuntimeExports;
}

export interface RuntimeExports {
  prerequest(nowMs: number): void;
  test(nowMs: number): void;
}

declare let __netsuitePostmanRuntime: { key: string; compiled: CompiledRuntime } | undefined;
declare const postman: unknown;
declare const crypto: unknown;
declare const require: unknown;
declare function clearTimeout(handle: unknown): void;

/** The run's runtime and its key, if one was installed. */
export function runtimeOfRun(): { key: string; compiled: CompiledRuntime } | undefined {
  return typeof __netsuitePostmanRuntime === 'object' && __netsuitePostmanRuntime ? __netsuitePostmanRuntime : undefined;
}

export function keepForRun(key: string, compiled: CompiledRuntime): void {
  __netsuitePostmanRuntime = { key, compiled };
}

/** Binds this execution's sandbox names and returns the runtime's exports. */
export function bound(compiled: CompiledRuntime): RuntimeExports {
  // The order of build/runtimeCarrier.mjs's RUNTIME_PARAMETERS.
  compiled.bind(
    pm,
    typeof postman !== 'undefined' ? postman : undefined,
    console,
    setTimeout,
    clearTimeout,
    require,
    typeof crypto !== 'undefined' ? crypto : undefined,
  );
  return compiled.exports;
}

/** The runtime the collection pre-request script installed in this run, if any. */
export function installedRuntime(): RuntimeExports | undefined {
  const installed = runtimeOfRun();
  return installed ? bound(installed.compiled) : undefined;
}
