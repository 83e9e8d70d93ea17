import { parseAst } from 'rollup/parseAst';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper without type declarations
import { sandboxProblems } from '../../build/bundleCheck.mjs';

const problems = (code: string): string[] => sandboxProblems(parseAst(code, { allowReturnOutsideFunction: true }));

describe('sandbox bundle check', () => {
  it('accepts a plain script using what both sandboxes offer', () => {
    expect(problems("(function(){ var C = require('crypto-js'); pm.test('x', function(){}); KJUR.crypto.Util; var o = { crypto: 1 }; })();")).toEqual([]);
  });

  it('refuses module syntax and top-level await', () => {
    expect(problems("import x from 'y'; x();")).toContain('uses `import` (the sandbox runs plain scripts)');
    expect(problems('export const a = 1;')).toContain('uses `export` (the sandbox runs plain scripts)');
    expect(problems('await Promise.resolve(1);')).toContain('uses top-level `await` (not supported by postman-sandbox 4.7.1)');
    expect(problems('(async function(){ await 1; })();')).toEqual([]);
  });

  it('refuses globals one engine lacks, unless feature-detected with typeof', () => {
    expect(problems('globalThis.x = 1;')).toEqual(['reads the global `globalThis`, which postman-sandbox 4.7.1 lacks']);
    expect(problems('new TextEncoder().encode("a");')).toEqual(['reads the global `TextEncoder`, which postman-sandbox 4.7.1 lacks']);
    expect(problems('crypto.subtle.digest("SHA-256", x);')).toEqual(['reads the global `crypto`, which postman-sandbox 4.7.1 lacks']);
    expect(problems('if (typeof globalThis !== "undefined" && globalThis.crypto) { globalThis.crypto.getRandomValues(a); }')).toEqual([]);
    expect(problems('var r = typeof crypto !== "undefined" ? crypto.getRandomValues(a) : 0;')).toEqual([]);
    expect(problems('function f(crypto) { var crypto; return crypto.x; }')).toEqual([]);
  });

  it('refuses require of modules the sandbox does not offer', () => {
    expect(problems("require('fs').readFileSync('x');")).toEqual(['requires "fs", which the sandbox does not offer']);
    expect(problems('require(name);')).toEqual(['requires a computed module, which the sandbox does not offer']);
    expect(problems("require('lodash'); require('uuid');")).toEqual([]);
  });
});
