import { expect } from 'vitest';
import { NspError } from '../../scripts-src/core/NspError';

/** The NspError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): NspError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NspError);
    return error as NspError;
  }
  throw new Error('expected an NspError, but nothing was thrown');
}
