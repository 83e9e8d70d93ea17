import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { describe, expect, it } from 'vitest';
import { deflateText, inflateText, payloadOf, RUNTIME_PARAMETERS, runtimeCarrier, unreachableGlobals, wrapRuntime } from '../../build/runtimeCarrier.mjs';

const DIST = path.resolve(import.meta.dirname, '../../dist/scripts');

/** Evaluates a runtime's text the way scripts-src/pm/runtimeCarrier.ts does, in a context with only the language's globals. */
function compileInBareContext(text: string): { bind(...names: unknown[]): void; exports: Record<string, any> } {
  return vm.runInNewContext(`Function(${JSON.stringify(`return ${text}()`)})()`);
}

describe('the runtime carrier: build step (build/runtimeCarrier.mjs)', () => {
  it('finds the globals code compiled from a string would not see', () => {
    const ast = parseAst(
      'function f(a, { b, c: [d] }, ...e) { try { g(); } catch (x) { lab: for (;;) { break lab; } } var o = { atob: 1 };' +
        ' return a + b + d + e + x + o.atob + pm.info + atob(o) + Buffer.from(o) + Math.max(1) + __netsuitePostmanFollow + postman; } function g() {}',
    );
    expect(unreachableGlobals(ast, new Set(RUNTIME_PARAMETERS))).toEqual(['Buffer', 'atob']);
    expect(unreachableGlobals(ast, new Set(['atob', 'Buffer', 'pm']))).toEqual(['postman']);
  });

  it('wraps a bundled IIFE as a runtime whose bind sets the sandbox names for the next calls', () => {
    const runtime = compileInBareContext(wrapRuntime('var __netsuitePostmanRuntimeExports = function (e) { var n = 0; e.name = function () { n += 1; return pm.info.requestName + n; }; return e; }({});'));
    runtime.bind({ info: { requestName: 'first' } });
    expect(runtime.exports.name()).toBe('first1');
    // Bound again to another request's pm: the same module state (n), the new request's names.
    runtime.bind({ info: { requestName: 'second' } });
    expect(runtime.exports.name()).toBe('second2');
  });

  it('deflates any ASCII text and gets it back unchanged; finds the payload in minified code', () => {
    for (const text of ['', 'a', "x='@b*/';\n".repeat(500), String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i))]) {
      const deflated = deflateText(text);
      expect(deflated).toMatch(/^[A-Za-z0-9+/=]*$/);
      expect(inflateText({ key: 'k', size: text.length, deflated })).toBe(text);
      expect(payloadOf(`!function(){var t={key:'runtime@0123',size:${text.length},deflated:'${deflated}'};}()`)).toEqual({ key: 'runtime@0123', size: text.length, deflated });
    }
    expect(() => inflateText({ key: 'k', size: 3, deflated: deflateText('ab') })).toThrow(/k inflated to 2 bytes, not 3/);
    expect(payloadOf('!function(){}()')).toBeUndefined();
  });

  it('bundles the runtime, checks it like every bundle, and exports it with a key naming that exact text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nsp-runtime-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'good.ts'), 'export function who() { return pm.info.requestName + Math.max(1, 2); }\n');
    writeFileSync(path.join(dir, 'src', 'uses-atob.ts'), 'export function decode(s) { return atob(s); }\n');
    writeFileSync(path.join(dir, 'src', 'uses-globalThis.ts'), 'export function g() { return globalThis.x; }\n');
    writeFileSync(path.join(dir, 'src', 'non-ascii.ts'), "export function g() { return 'caf\\u00e9 \u2014'; }\n");
    const build = async (name: string, budgets: Record<string, number>) => {
      writeFileSync(path.join(dir, 'main.js'), `import payload from 'runtime:./src/${name}'; export default payload;\n`);
      const bundle = await rollup({ input: path.join(dir, 'main.js'), plugins: [runtimeCarrier({ plugins: () => [], outputPlugins: () => [], budgets })] });
      const { output } = await bundle.generate({ format: 'cjs', exports: 'default' });
      await bundle.close();
      const module = { exports: {} as { key: string; size: number; deflated: string } };
      new Function('module', 'exports', output[0].code)(module, module.exports);
      return module.exports;
    };
    const good = await build('good', { 'good.js': 10_000 });
    const text = inflateText(good);
    expect(good.key).toBe(`good@${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
    const runtime = compileInBareContext(text);
    runtime.bind({ info: { requestName: 'R' } });
    expect(runtime.exports.who()).toBe('R2');
    await expect(build('uses-atob', { 'uses-atob.js': 10_000 })).rejects.toThrow(/uses-atob is not fit[\s\S]*reads `atob`, which code compiled from a string does not see/);
    await expect(build('uses-globalThis', { 'uses-globalThis.js': 10_000 })).rejects.toThrow(/reads the global `globalThis`, which postman-sandbox 4\.7\.1 lacks/);
    await expect(build('non-ascii', { 'non-ascii.js': 10_000 })).rejects.toThrow(/is not ASCII/);
    await expect(build('good', {})).rejects.toThrow(/has no size budget \(good\.js\)/);
    await expect(build('good', { 'good.js': 10 })).rejects.toThrow(/over its budget of 10 bytes/);
  });
});

describe('the runtime carrier: the built hooks', () => {
  const prerequest = readFileSync(path.join(DIST, 'collection-prerequest.js'), 'utf8');
  const test = readFileSync(path.join(DIST, 'collection-test.js'), 'utf8');

  it('collection-prerequest.js is a small stub and the runtime, deflated; collection-test.js is a stub', () => {
    const payload = payloadOf(prerequest)!;
    expect(prerequest.length - payload.deflated.length).toBeLessThan(6_000);
    // Neither hook uses a legacy API: the engines skip building the legacy globals for them (a copy
    // of the request, the variables, the whole response); scripts-src/pm/singleSend.ts does without the run cursor.
    expect(prerequest.startsWith('"use sandbox2";\n/*! netsuite-postman collection-prerequest: ')).toBe(true);
    expect(test.startsWith('"use sandbox2";\n/*! netsuite-postman collection-test: ')).toBe(true);
    expect(payloadOf(test)).toBeUndefined();
    expect(test.length).toBeLessThan(1_500);
  });

  it('a request whose run has the runtime only calls it: the inflater is loaded only to compile it', () => {
    // Typed arrays are what tiny-inflate's module code builds (its tables): counted in the context.
    const run = (installed: boolean) => {
      const calls: string[] = [];
      const context = vm.createContext({ pm: {}, console, setTimeout, clearTimeout, require: (name: string) => (name === 'buffer' ? { Buffer } : undefined), calls });
      // Subclasses, so the statics (from, of) and instanceof still work for the runtime's own module code.
      vm.runInContext('var typedArrays = 0; [\'Uint8Array\', \'Uint16Array\'].forEach(function (name) { var Real = this[name]; this[name] = class extends Real { constructor(...args) { typedArrays += 1; super(...args); } }; }, this);', context);
      if (installed) {
        context.__netsuitePostmanRuntime = { key: payloadOf(prerequest)!.key, compiled: { bind() {}, exports: { prerequest: () => calls.push('prerequest') } } };
      }
      try {
        vm.runInContext(prerequest, context);
      } catch (error) {
        // Uninstalled: the real runtime then runs its prerequest against this bare `pm` and fails; not what is tested here.
        if (installed) throw error;
      }
      return { calls, typedArrays: context.typedArrays as number, compiledKey: (context.__netsuitePostmanRuntime as { key: string }).key };
    };
    expect(run(true)).toEqual({ calls: ['prerequest'], typedArrays: 0, compiledKey: payloadOf(prerequest)!.key });
    // The first request of a run inflates (and so loads the inflater) and compiles.
    const first = run(false);
    expect(first.typedArrays).toBeGreaterThan(0);
    expect(first.compiledKey).toBe(payloadOf(prerequest)!.key);
  });

  it('the runtime compiles without the hook\'s scope, defines without touching the sandbox names, and exports both hooks', () => {
    const runtime = compileInBareContext(inflateText(payloadOf(prerequest)!));
    expect(Object.keys(runtime.exports).sort()).toEqual(['prerequest', 'test']);
    for (const name of ['prerequest', 'test']) expect(typeof runtime.exports[name]).toBe('function');
  });
});
