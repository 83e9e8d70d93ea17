import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv } from '../../generator/dotenv.ts';

describe('parseDotenv', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const values = parseDotenv(
      [
        '# comment',
        '',
        'A=1',
        'export B = two words ',
        'C="x # not a comment"  # a comment',
        "D='single \\n stays'",
        'E="line\\nbreak\\t\\"quoted\\" back\\\\slash"',
        'F=',
        'G=a#b',
        'A=overridden',
      ].join('\r\n'),
    );
    expect(Object.fromEntries(values)).toEqual({
      A: 'overridden',
      B: 'two words',
      C: 'x # not a comment',
      D: 'single \\n stays',
      E: 'line\nbreak\t"quoted" back\\slash',
      F: '',
      G: 'a#b',
    });
  });

  it('reads multi-line quoted values (a PEM pasted as is)', () => {
    const values = parseDotenv('private_key="-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----"\nnext=1\n');
    expect(values.get('private_key')).toBe('-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----');
    expect(values.get('next')).toBe('1');
  });

  it('reports the line of a malformed entry without its value', () => {
    expect(() => parseDotenv('A=1\nnot a pair\n')).toThrow(new DotenvError('line 2: expected KEY=value', 2));
    expect(() => parseDotenv("A=1\nB='open\n")).toThrow(/line 2: the value of B has no closing '/);
    expect(() => parseDotenv('A="x" y\n')).toThrow(/unexpected text after the quoted value of A/);
  });
});
