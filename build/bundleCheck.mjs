// Rollup plugin: fails the build when a bundle could not run in the Postman sandbox
// (postman-sandbox 4.7.1 in Newman 6.2.2 and 6.7.x in the Postman app) or outgrows its budget.

/** Modules the sandbox's `require` offers in both engines. */
export const SANDBOX_MODULES = new Set([
  'crypto-js', 'lodash', 'uuid', 'moment', 'chai', 'ajv', 'xml2js', 'cheerio', 'buffer', 'url',
  'querystring', 'atob', 'btoa', 'tv4', 'backbone', 'csv-parse/lib/sync',
]);

/** Globals that one of the two engines lacks. */
const FORBIDDEN_GLOBALS = new Set(['globalThis', 'TextEncoder', 'TextDecoder', 'crypto', 'window', 'self']);

/** Names tested with `typeof NAME` anywhere inside `node` (feature detection). */
function typeofNames(node, out = new Set()) {
  if (!node || typeof node.type !== 'string') return out;
  if (node.type === 'UnaryExpression' && node.operator === 'typeof' && node.argument.type === 'Identifier') out.add(node.argument.name);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) value.forEach((child) => typeofNames(child, out));
    else if (value && typeof value === 'object' && typeof value.type === 'string') typeofNames(value, out);
  }
  return out;
}

/**
 * Walks the AST. `state.guarded` holds the globals feature-detected by an enclosing `if`,
 * conditional or `&&` whose test uses `typeof NAME` (e.g. `typeof globalThis !== "undefined" &&
 * globalThis.crypto`): such reads never run in an engine that lacks NAME.
 */
function walk(node, visit, state = { fn: 0, guarded: [] }) {
  if (!node || typeof node.type !== 'string') return;
  const isFunction = /Function/.test(node.type);
  if (isFunction) state.fn += 1;
  const test = node.type === 'IfStatement' || node.type === 'ConditionalExpression' ? node.test
    : node.type === 'LogicalExpression' && node.operator === '&&' ? node.left : undefined;
  const guards = test ? [...typeofNames(test)] : [];
  state.guarded.push(...guards);
  visit(node, state);
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit, state));
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit, state);
  }
  state.guarded.length -= guards.length;
  if (isFunction) state.fn -= 1;
}

/** Returns the problems found in one bundle's code (empty when it is fit for the sandbox). */
export function sandboxProblems(ast) {
  const problems = [];
  const declared = new Set();
  const names = new WeakSet();
  walk(ast, (node) => {
    // Property names are not reads of a global: `KJUR.crypto`, `{ crypto: … }`.
    if ((node.type === 'MemberExpression' && !node.computed) ) names.add(node.property);
    if ((node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed) names.add(node.key);
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') declared.add(node.id.name);
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) declared.add(node.id.name);
  });
  walk(ast, (node, depth) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ImportExpression':
        problems.push('uses `import` (the sandbox runs plain scripts)');
        break;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        problems.push('uses `export` (the sandbox runs plain scripts)');
        break;
      case 'AwaitExpression':
        if (depth.fn === 0) problems.push('uses top-level `await` (not supported by postman-sandbox 4.7.1)');
        break;
      case 'Identifier':
        if (FORBIDDEN_GLOBALS.has(node.name) && !names.has(node) && !declared.has(node.name) && !depth.guarded.includes(node.name)) {
          problems.push(`reads the global \`${node.name}\`, which postman-sandbox 4.7.1 lacks`);
        }
        break;
      case 'CallExpression': {
        const callee = node.callee;
        if (callee.type === 'Identifier' && callee.name === 'require') {
          const arg = node.arguments[0];
          if (!arg || arg.type !== 'Literal' || !SANDBOX_MODULES.has(arg.value)) {
            problems.push(`requires ${arg && arg.type === 'Literal' ? `"${arg.value}"` : 'a computed module'}, which the sandbox does not offer`);
          }
        }
        break;
      }
      default:
        break;
    }
  });
  return [...new Set(problems)];
}

/**
 * @param {Record<string, number>} budgets bytes allowed per bundle file name (minified output)
 */
export function bundleCheck(budgets) {
  return {
    name: 'netsuite-postman-bundle-check',
    generateBundle(_options, bundle) {
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const problems = sandboxProblems(this.parse(chunk.code, { allowReturnOutsideFunction: true }));
        const size = Buffer.byteLength(chunk.code, 'utf8');
        const budget = budgets[fileName];
        if (budget === undefined) problems.push(`has no size budget in rollup.config.mjs (it is ${size} bytes)`);
        else if (size > budget) problems.push(`is ${size} bytes, over its budget of ${budget} bytes`);
        if (problems.length > 0) {
          this.error(`bundle ${fileName} is not fit for the Postman sandbox:\n  - ${problems.join('\n  - ')}`);
        }
      }
    },
  };
}
