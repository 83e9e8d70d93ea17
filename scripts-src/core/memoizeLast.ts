/**
 * `fn` remembering its last arguments and result: called again with the same arguments (`===`
 * each), it returns that result without running. For pure functions of strings that the
 * every-request path calls with the same variable values request after request (the run's
 * runtime lives for the run, so this memory does too). A call that throws is not remembered.
 * The result is shared between calls: callers must not mutate it.
 */
export function memoizeLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | undefined;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs !== undefined && lastArgs.length === args.length && lastArgs.every((arg, i) => arg === args[i])) return lastResult;
    const result = fn(...args);
    lastArgs = args;
    lastResult = result;
    return result;
  };
}
