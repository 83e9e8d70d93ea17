import { describe, expect, it } from 'vitest';
import { memoizeLast } from '../../scripts-src/core/memoizeLast';

describe('memoizeLast', () => {
  it('runs once for the same arguments, again for others, and remembers only the last', () => {
    const calls: string[] = [];
    const upper = memoizeLast((a: string, b?: string) => {
      calls.push(`${a},${b}`);
      return { value: `${a}${b ?? ''}`.toUpperCase() };
    });
    const first = upper('a', 'b');
    expect(upper('a', 'b')).toBe(first);
    expect(upper('a')).toEqual({ value: 'A' });
    expect(upper('a', 'b')).toEqual({ value: 'AB' });
    expect(calls).toEqual(['a,b', 'a,undefined', 'a,b']);
  });

  it('does not remember a call that threw: the next call runs (and throws) again', () => {
    let runs = 0;
    const parse = memoizeLast((text: string) => {
      runs += 1;
      if (text === 'bad') throw new Error(`bad input ${runs}`);
      return text.length;
    });
    expect(() => parse('bad')).toThrow('bad input 1');
    expect(() => parse('bad')).toThrow('bad input 2');
    expect(parse('ok')).toBe(2);
    expect(parse('ok')).toBe(2);
    expect(runs).toBe(3);
  });
});
