// Rollup plugin: `import payload from 'runtime:../runtime'` bundles scripts-src/runtime.ts on its own
// (one minified IIFE, the same plugins and checks as every bundle), wraps it as the run's runtime
// (a function of the sandbox names, see RUNTIME_PARAMETERS) and hands the importing hook that text
// deflated and base64-encoded, with its key and size. scripts-src/pm/runtimeCarrier.ts inflates and
// compiles it once per run and keeps it in an implicit global; every later request of the run only
// calls it. Why: the engines copy each hook's text into the sandbox on every request, and that copy,
// not the script's work, was most of the per-request cost (bench/RESULTS.md, docs/design.md).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { deflateSync, inflateSync } from 'fflate';
import { rollup } from 'rollup';
import { sandboxProblems } from './bundleCheck.mjs';

/**
 * The sandbox names a hook's scope sees but code compiled from a string does not (postman-sandbox
 * hands them to the script's own scope, not to the context's global object). The runtime declares
 * them once and its `bind` sets them to the current execution's values before every call
 * (scripts-src/pm/runtimeCarrier.ts passes them in this order).
 */
export const RUNTIME_PARAMETERS = ['pm', 'postman', 'console', 'setTimeout', 'clearTimeout', 'require', 'crypto'];

/** The name the runtime's IIFE assigns its exports to, inside the wrapping function. */
const EXPORTS = '__netsuitePostmanRuntimeExports';

/** ECMAScript globals (ES2017 plus BigInt) every sandbox context has for code compiled from a string. */
const LANGUAGE_GLOBALS = new Set([
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Date', 'RegExp',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'Promise', 'Map', 'Set',
  'WeakMap', 'WeakSet', 'Reflect', 'Proxy', 'ArrayBuffer', 'DataView', 'Uint8Array', 'Int8Array', 'Uint16Array',
  'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Uint8ClampedArray', 'parseInt',
  'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'escape',
  'unescape', 'undefined', 'NaN', 'Infinity', 'arguments', 'eval',
]);

function patternNames(node, out) {
  if (!node) return;
  if (node.type === 'Identifier') out.add(node.name);
  else if (node.type === 'ObjectPattern') node.properties.forEach((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value, out));
  else if (node.type === 'ArrayPattern') node.elements.forEach((e) => patternNames(e, out));
  else if (node.type === 'AssignmentPattern') patternNames(node.left, out);
  else if (node.type === 'RestElement') patternNames(node.argument, out);
}

function each(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) value.forEach((child) => each(child, visit));
    else if (value && typeof value === 'object' && typeof value.type === 'string') each(value, visit);
  }
}

/**
 * The globals a piece of code reads that are neither declared in it, nor language globals, nor
 * implicit run globals (`__netsuitePostman…`): names compiled code would not find.
 */
export function unreachableGlobals(ast, allowed) {
  const declared = new Set();
  const notReads = new WeakSet();
  each(ast, (node) => {
    if (node.type === 'MemberExpression' && !node.computed) notReads.add(node.property);
    if ((node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed && !node.shorthand) notReads.add(node.key);
    if (node.type === 'LabeledStatement' || node.type === 'BreakStatement' || node.type === 'ContinueStatement') { if (node.label) notReads.add(node.label); }
    if (node.type === 'VariableDeclarator') patternNames(node.id, declared);
    if (/Function|Class/.test(node.type) && node.id) declared.add(node.id.name);
    if (/Function/.test(node.type)) node.params.forEach((p) => patternNames(p, declared));
    if (node.type === 'CatchClause') patternNames(node.param, declared);
  });
  const found = new Set();
  each(ast, (node) => {
    if (node.type !== 'Identifier' || notReads.has(node) || declared.has(node.name)) return;
    if (allowed.has(node.name) || LANGUAGE_GLOBALS.has(node.name) || node.name.startsWith('__netsuitePostman')) return;
    found.add(node.name);
  });
  return [...found].sort();
}

/**
 * The runtime's text: a function expression that, called once, runs the IIFE bundle (which assigns
 * EXPORTS) and returns `{ bind, exports }`; `bind` sets the sandbox names for the current execution.
 */
export function wrapRuntime(iifeCode) {
  const names = RUNTIME_PARAMETERS;
  const args = names.map((name) => `$${name}`);
  const assignments = names.map((name, i) => `${name}=${args[i]}`).join(';');
  return `(function(){var ${names.join(',')};${iifeCode.trim()}\nreturn{bind:function(${args.join(',')}){${assignments}},exports:${EXPORTS}}})`;
}

/** `text` (ASCII) deflated (fflate, level 9: the same bytes on every Node version) and base64-encoded. */
export function deflateText(text) {
  return Buffer.from(deflateSync(Buffer.from(text, 'latin1'), { level: 9 })).toString('base64');
}

/** The payload a built hook carries (`{key:'…',size:…,deflated:'…'}` after minification), or undefined. */
export function payloadOf(bundleText) {
  const match = /\{key:['"]([^'"]+)['"],size:(\d+),deflated:['"]([A-Za-z0-9+/=]+)['"]\}/.exec(bundleText);
  return match ? { key: match[1], size: Number(match[2]), deflated: match[3] } : undefined;
}

/** The runtime's text from a payload (the inverse of deflateText, on the Node side). */
export function inflateText(payload) {
  const text = Buffer.from(inflateSync(Buffer.from(payload.deflated, 'base64'))).toString('latin1');
  if (text.length !== payload.size) throw new Error(`${payload.key} inflated to ${text.length} bytes, not ${payload.size}`);
  return text;
}

/**
 * @param {{ plugins: () => import('rollup').Plugin[], outputPlugins: () => import('rollup').OutputPlugin[], budgets: Record<string, number> }} options
 *   `plugins` and `outputPlugins` make fresh instances for the runtime's own build.
 */
export function runtimeCarrier({ plugins, outputPlugins, budgets }) {
  return {
    name: 'netsuite-postman-runtime-carrier',
    resolveId(source, importer) {
      if (!source.startsWith('runtime:')) return null;
      if (!importer) this.error(`${source} must be imported from a module`);
      return `\0runtime:${path.resolve(path.dirname(importer), source.slice('runtime:'.length))}.ts`;
    },
    async load(id) {
      if (!id.startsWith('\0runtime:')) return null;
      const file = id.slice('\0runtime:'.length);
      const name = path.basename(file, '.ts');
      const bundle = await rollup({
        input: file,
        plugins: plugins(),
        onwarn(warning) {
          throw new Error(`rollup warning in ${name} (warnings are fatal): ${warning.message}`);
        },
      });
      let output;
      try {
        ({ output } = await bundle.generate({ format: 'iife', name: EXPORTS, strict: false, plugins: outputPlugins() }));
      } finally {
        await bundle.close();
      }
      const chunk = output[0];
      for (const module of Object.keys(chunk.modules)) if (!module.startsWith('\0')) this.addWatchFile(module);
      const text = wrapRuntime(chunk.code);
      // The same check as every bundle, on the runtime as bundled (its sandbox names still free).
      const problems = sandboxProblems(this.parse(chunk.code));
      const unreachable = unreachableGlobals(this.parse(text), new Set(RUNTIME_PARAMETERS));
      if (unreachable.length > 0) {
        problems.push(`reads ${unreachable.map((n) => `\`${n}\``).join(', ')}, which code compiled from a string does not see (the sandbox gives such names to the script's scope only): add it to RUNTIME_PARAMETERS in build/runtimeCarrier.mjs and scripts-src/pm/runtimeCarrier.ts`);
      }
      // eslint-disable-next-line no-control-regex
      if (/[^\x00-\x7f]/.test(text)) problems.push('is not ASCII (the carrier decodes bytes as Latin-1): keep terser\'s ascii_only');
      const size = text.length;
      const budget = budgets[`${name}.js`];
      if (budget === undefined) problems.push(`has no size budget (${name}.js) in rollup.config.mjs (it is ${size} bytes)`);
      else if (size > budget) problems.push(`is ${size} bytes, over its budget of ${budget} bytes`);
      if (problems.length > 0) this.error(`${name} is not fit for the Postman sandbox:\n  - ${problems.join('\n  - ')}`);
      // The key names the exact text: a run never keeps a runtime compiled from another version.
      const key = `${name}@${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
      return `export default ${JSON.stringify({ key, size, deflated: deflateText(text) })};`;
    },
  };
}
