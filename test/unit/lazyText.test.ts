import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper without type declarations
import { encodeCommentText, LAZY_PARAMETERS, lazyText, unreachableGlobals, wrapLazyText } from '../../build/lazyText.mjs';
import { decodeCommentText, lazyTextOf } from '../../scripts-src/pm/lazyCode';

const DIST = path.resolve(import.meta.dirname, '../../dist/scripts');

type Node = { type: string; [key: string]: any };

/** The `{ key, carrier }` objects build/lazyText.mjs embedded in a built bundle, with the text each carries. */
function embeddedParts(bundle: string): Array<{ key: string; text: string; carrierSource: string }> {
  const code = readFileSync(path.join(DIST, bundle), 'utf8');
  const parts: Array<{ key: string; text: string; carrierSource: string }> = [];
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ObjectExpression') {
      const value = (name: string) => node.properties.find((p: Node) => p.key && (p.key.name === name || p.key.value === name))?.value;
      const key = value('key');
      const carrier = value('carrier');
      if (key?.type === 'Literal' && carrier && /Function/.test(carrier.type)) {
        const part = vm.runInNewContext(`(${code.slice(node.start, node.end)})`) as { key: string; carrier: () => string };
        parts.push({ key: part.key, text: lazyTextOf(part), carrierSource: code.slice(carrier.start, carrier.end) });
      }
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child === 'object' && typeof (child as Node).type === 'string') visit(child as Node);
    }
  };
  visit(parseAst(code, { allowReturnOutsideFunction: true }) as unknown as Node);
  return parts;
}

/** Compiles a part's text the way scripts-src/pm/lazyCode.ts does, in a context with only the language's globals. */
function compileInBareContext(text: string): (...args: unknown[]) => Record<string, unknown> {
  return vm.runInNewContext(`Function(${JSON.stringify(`return (${text})`)})()`);
}

describe('lazy parts: the build step (build/lazyText.mjs)', () => {
  it('finds the globals code compiled from a string would not see', () => {
    const ast = parseAst(
      'function f(a, { b, c: [d] }, ...e) { try { g(); } catch (x) { lab: for (;;) { break lab; } } var o = { atob: 1 };' +
        ' return a + b + d + e + x + o.atob + pm.info + atob(o) + Buffer.from(o) + Math.max(1) + __netsuitePostmanFollow + postman; } function g() {}',
    );
    expect(unreachableGlobals(ast, new Set(LAZY_PARAMETERS))).toEqual(['Buffer', 'atob']);
    expect(unreachableGlobals(ast, new Set(['atob', 'Buffer', 'pm']))).toEqual(['postman']);
  });

  it('carries any text in a block comment and gets it back unchanged', () => {
    for (const text of ['a*/b', '/* x */', '@', '@a@b', '*\\/', 'x=/a*/g;y="@b*/"', '**//', '']) {
      const encoded = encodeCommentText(text);
      expect(encoded).not.toContain('*/');
      expect(decodeCommentText(encoded)).toBe(text);
      const carrier = vm.runInNewContext(`(function () { return ""/*${encoded}*/ })`) as () => string;
      expect(lazyTextOf({ key: 'k@0', carrier })).toBe(text);
    }
  });

  it('wraps a bundled IIFE as a function of the sandbox names that returns its exports', () => {
    const factory = compileInBareContext(wrapLazyText('var __netsuitePostmanLazyExports = function (e) { e.name = function () { return pm.info.requestName; }; return e; }({});'));
    expect(factory.length).toBe(LAZY_PARAMETERS.length);
    const exports = factory({ info: { requestName: 'first' } }) as { name(): string };
    expect(exports.name()).toBe('first');
    // Called again with another request's pm: new closures, no memory of the first.
    expect((factory({ info: { requestName: 'second' } }) as { name(): string }).name()).toBe('second');
  });

  it('bundles a part, checks it like every bundle, and exports its text with a key naming that exact text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nsp-lazy-'));
    mkdirSync(path.join(dir, 'lazy'));
    writeFileSync(path.join(dir, 'lazy', 'good.ts'), 'export function who() { return pm.info.requestName + Math.max(1, 2); }\n');
    writeFileSync(path.join(dir, 'lazy', 'uses-atob.ts'), 'export function decode(s) { return atob(s); }\n');
    writeFileSync(path.join(dir, 'lazy', 'uses-globalThis.ts'), 'export function g() { return globalThis.x; }\n');
    const build = async (part: string, budgets: Record<string, number>) => {
      writeFileSync(path.join(dir, 'main.js'), `import part from 'lazy:./lazy/${part}'; export default part;\n`);
      const bundle = await rollup({ input: path.join(dir, 'main.js'), plugins: [lazyText({ plugins: () => [], outputPlugins: () => [], budgets })] });
      const { output } = await bundle.generate({ format: 'cjs', exports: 'default' });
      await bundle.close();
      const module = { exports: {} as { key: string; carrier: () => string } };
      new Function('module', 'exports', output[0].code)(module, module.exports);
      return module.exports;
    };
    const good = await build('good', { 'lazy/good.js': 10_000 });
    const goodText = lazyTextOf(good);
    expect(good.key).toBe(`good@${createHash('sha256').update(goodText).digest('hex').slice(0, 16)}`);
    expect((compileInBareContext(goodText)({ info: { requestName: 'R' } }) as { who(): string }).who()).toBe('R2');
    await expect(build('uses-atob', { 'lazy/uses-atob.js': 10_000 })).rejects.toThrow(/lazy part uses-atob is not fit[\s\S]*reads `atob`, which code compiled from a string does not see/);
    await expect(build('uses-globalThis', { 'lazy/uses-globalThis.js': 10_000 })).rejects.toThrow(/reads the global `globalThis`, which postman-sandbox 4\.7\.1 lacks/);
    await expect(build('good', {})).rejects.toThrow(/has no size budget \(lazy\/good\.js\)/);
    await expect(build('good', { 'lazy/good.js': 10 })).rejects.toThrow(/over its budget of 10 bytes/);
  });
});

describe('lazy parts: the built every-request bundles', () => {
  const expected: Record<string, { part: string; exports: string[] }> = {
    'collection-prerequest.js': { part: 'newToken', exports: ['mintM2m', 'refreshAccessToken', 'webCryptoAssertion'] },
    'collection-test.js': { part: 'unusualResponse', exports: ['decideFollow', 'decideRateLimitRetry', 'diagnoseResponse'] },
  };
  for (const [bundle, { part, exports }] of Object.entries(expected)) {
    it(`${bundle} carries ${part} as text (in a comment) that compiles without the hook's scope and exports what the hook calls`, () => {
      const parts = embeddedParts(bundle);
      expect(parts.map((p) => p.key.replace(/@.*/, ''))).toEqual([part]);
      const [only] = parts;
      // Only the comment is long: nothing of the part is a string or code V8 parses on every request.
      expect(only!.carrierSource.replace(/\/\*[\s\S]*\*\//, '').length).toBeLessThan(40);
      expect(only!.key).toBe(`${part}@${createHash('sha256').update(only!.text).digest('hex').slice(0, 16)}`);
      const factory = compileInBareContext(only!.text);
      expect(factory.length).toBe(LAZY_PARAMETERS.length);
      // Defining the part touches none of the sandbox names: it only declares functions.
      const defined = factory(...LAZY_PARAMETERS.map(() => undefined));
      expect(Object.keys(defined).sort()).toEqual(exports);
      for (const name of exports) expect(typeof defined[name]).toBe('function');
    });
  }
});
