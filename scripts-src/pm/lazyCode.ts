// Rarely-run code kept out of the hook's parsed text: build/lazyText.mjs embeds each part of
// scripts-src/lazy/ as a comment inside a tiny carrier function, and this reads it back and
// compiles it the first time a request of the run needs it (see docs/design.md, "Rarely-run code
// is compiled only when needed").

/** A lazy part as build/lazyText.mjs embeds it: `key` names the exact text (name@sha256). */
export interface LazyText {
  key: string;
  /** `function () { return ""/*<text, encoded>*\/ }`: its source holds the part's text. */
  carrier: () => string;
}

/** Undoes build/lazyText.mjs's encodeCommentText (`@a` → `@`, `@b` → `*` `/`). */
export function decodeCommentText(encoded: string): string {
  return encoded.replace(/@([ab])/g, (_match, code: string) => (code === 'a' ? '@' : '*/'));
}

/** The part's text: the comment in its carrier's source (Function.prototype.toString gives the exact source). */
export function lazyTextOf(part: LazyText): string {
  const source = String(part.carrier);
  return decodeCommentText(source.slice(source.indexOf('/*') + 2, source.lastIndexOf('*/')));
}

/** The function a part's text compiles to: its parameters are build/lazyText.mjs's LAZY_PARAMETERS. */
type LazyFactory = (...sandboxNames: unknown[]) => unknown;

/** Compiled parts of this run, by key: an implicit global, so a run compiles each part at most once. */
declare let __netsuitePostmanLazy: { [key: string]: LazyFactory } | undefined;
declare const postman: unknown;
declare const crypto: unknown;
declare const require: unknown;
declare function clearTimeout(handle: unknown): void;

/**
 * Compiles the part's text (our own generated code, carried in this same script) in the context's
 * global scope, so nothing of the calling script's scope is visible to it but what it is passed.
 */
export function compileLazyText(part: LazyText): LazyFactory {
  // The sourceURL names the part in stack traces and the Postman console.
  return Function(`return (${lazyTextOf(part)})\n//# sourceURL=netsuite-postman/lazy/${part.key.replace(/@.*/, '')}.js`)() as LazyFactory;
}

/**
 * The part's exports for the current request: compiled once per run, then called with this
 * request's `pm`, `console`, timers… (postman-sandbox hands every execution fresh ones, so a part
 * must never keep those of an earlier request).
 */
export function lazyModule<T>(part: LazyText): T {
  const cache = typeof __netsuitePostmanLazy === 'object' && __netsuitePostmanLazy ? __netsuitePostmanLazy : (__netsuitePostmanLazy = {});
  let factory = cache[part.key];
  if (typeof factory !== 'function') factory = cache[part.key] = compileLazyText(part);
  // The order of build/lazyText.mjs's LAZY_PARAMETERS.
  return factory(
    pm,
    typeof postman !== 'undefined' ? postman : undefined,
    console,
    setTimeout,
    clearTimeout,
    require,
    typeof crypto !== 'undefined' ? crypto : undefined,
  ) as T;
}
