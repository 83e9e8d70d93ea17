// Rollup plugin: `import part from 'lazy:../lazy/name'` bundles scripts-src/lazy/name.ts on its own
// (one minified IIFE, the same plugins and checks as every bundle) and hands the importing bundle
// its text inside a comment of a tiny function, which scripts-src/pm/lazyCode.ts reads back with
// Function.prototype.toString and compiles only when it is needed. V8 skips a comment without
// building anything (a string literal it would scan and internalize, a function it would pre-parse),
// so a request that never needs the part pays almost nothing for it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { rollup } from 'rollup';
import { sandboxProblems } from './bundleCheck.mjs';

/**
 * The sandbox names the hook's scope sees but code compiled from a string does not (postman-sandbox
 * hands them to the script's own scope, not to the context's global object): the compiled part is
 * a function of exactly these, called with the current request's values (scripts-src/pm/lazyCode.ts).
 */
export const LAZY_PARAMETERS = ['pm', 'postman', 'console', 'setTimeout', 'clearTimeout', 'require', 'crypto'];

/** The name the lazy IIFE assigns its exports to, inside the wrapping function. */
const EXPORTS = '__netsuitePostmanLazyExports';

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
 * Makes `text` safe inside a block comment, reversibly: `@` → `@a`, then `*` `/` → `@b`
 * (scripts-src/pm/lazyCode.ts, decodeCommentText, undoes it).
 */
export function encodeCommentText(text) {
  return text.replace(/@/g, '@a').replace(/\*\//g, '@b');
}

/** The placeholder a bundle carries for a part until generateBundle puts the part's comment there. */
const placeholder = (key) => `__netsuitePostmanLazyText:${key}`;

/** Wraps an IIFE bundle (that assigns EXPORTS) as the function of LAZY_PARAMETERS that returns them. */
export function wrapLazyText(iifeCode) {
  return `function(${LAZY_PARAMETERS.join(',')}){${iifeCode.trim()}\nreturn ${EXPORTS}}`;
}

/**
 * @param {{ plugins: () => import('rollup').Plugin[], outputPlugins: () => import('rollup').OutputPlugin[], budgets: Record<string, number> }} options
 *   `plugins` and `outputPlugins` make fresh instances for each lazy part's own build.
 */
export function lazyText({ plugins, outputPlugins, budgets }) {
  /** Text of each part built so far, by key. */
  const texts = new Map();
  return {
    name: 'netsuite-postman-lazy-text',
    // After minification (terser drops comments), before the bundle check: each placeholder string
    // becomes an empty string followed by the part's text in a comment, inside the carrier function.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = chunk.code.replace(/(["'`])__netsuitePostmanLazyText:([^"'`]+)\1/g, (_match, _quote, key) => {
          const text = texts.get(key);
          if (text === undefined) this.error(`no lazy part has the key ${key}`);
          return `""/*${encodeCommentText(text)}*/`;
        });
      }
    },
    resolveId(source, importer) {
      if (!source.startsWith('lazy:')) return null;
      if (!importer) this.error(`${source} must be imported from a module`);
      return `\0lazy:${path.resolve(path.dirname(importer), source.slice('lazy:'.length))}.ts`;
    },
    async load(id) {
      if (!id.startsWith('\0lazy:')) return null;
      const file = id.slice('\0lazy:'.length);
      const name = path.basename(file, '.ts');
      const bundle = await rollup({
        input: file,
        plugins: plugins(),
        onwarn(warning) {
          throw new Error(`rollup warning in lazy part ${name} (warnings are fatal): ${warning.message}`);
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
      const text = wrapLazyText(chunk.code);
      // The same check as every bundle, on the part as bundled (its sandbox names still free).
      const problems = sandboxProblems(this.parse(chunk.code));
      const unreachable = unreachableGlobals(this.parse(`(${text})`), new Set(LAZY_PARAMETERS));
      if (unreachable.length > 0) {
        problems.push(`reads ${unreachable.map((n) => `\`${n}\``).join(', ')}, which code compiled from a string does not see (the sandbox gives such names to the script's scope only): add it to LAZY_PARAMETERS in build/lazyText.mjs and scripts-src/pm/lazyCode.ts`);
      }
      const size = Buffer.byteLength(text, 'utf8');
      const budget = budgets[`lazy/${name}.js`];
      if (budget === undefined) problems.push(`has no size budget (lazy/${name}.js) in rollup.config.mjs (it is ${size} bytes)`);
      else if (size > budget) problems.push(`is ${size} bytes, over its budget of ${budget} bytes`);
      if (problems.length > 0) this.error(`lazy part ${name} is not fit for the Postman sandbox:\n  - ${problems.join('\n  - ')}`);
      // The key names the exact text: a run never uses a part compiled from another bundle version.
      const key = `${name}@${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
      texts.set(key, text);
      return `export default { key: ${JSON.stringify(key)}, carrier: function () { return ${JSON.stringify(placeholder(key))}; } };`;
    },
  };
}
