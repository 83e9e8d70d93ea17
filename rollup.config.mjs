// One plain-script bundle per entry in scripts-src/entries/, for the Postman sandbox.
import { readdirSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { bundleCheck } from './build/bundleCheck.mjs';
import { lazyText } from './build/lazyText.mjs';

/** Bytes allowed per minified bundle; the benchmark issue reports the real sizes against these. */
export const BUDGETS = {
  // Every request parses these two: keep them small (see bench/RESULTS.md).
  // collection-prerequest.js was 31,264 bytes; → 56,000 (2026-12-03): it now carries the Web Crypto
  // M2M signer (the PEM reader with every refusal message, the claim checks, PKCS#8 wrapping, ~18 KB)
  // so that in the Postman app any request, Sent alone, mints its own token, plus the scope guard and
  // the idempotency-key handling of writes (~1.6 KB). The signer sits in plain function declarations
  // that run only on a mint: V8 pre-parses them on the other requests (DESIGN.md: a lazily compiled
  // declaration costs ~1.03x, an IIFE ~1.10x). Issue 13 measures and trims this path.
  'collection-prerequest.js': 60_000,
  // 23,121 bytes before; → 34,000 (2026-12-03): the causes the seeds name (invalid_grant causes,
  // RESTlet deployment, audience and Allowed IPs), paging and async-job following (~8.5 KB), and
  // telling a single Send from a run with its "Send it again" messages (~850 bytes).
  'collection-test.js': 40_000,
  // Parsed once per run by "Auth / Mint M2M token": jsrsasign is most of it. 340,000 → 350,000
  // (2026-12-03): it also signs with Web Crypto where the engine has it (the Postman app's).
  'mint-m2m.js': 350_000,
  'token-response.js': 20_000,
  // Lazy parts (build/lazyText.mjs): text in the hooks above, compiled only when a request needs it.
  'lazy/newToken.js': 40_000,
  'lazy/unusualResponse.js': 30_000,
  'authorize-url.js': 14_000,
  'authorize-response.js': 8_000,
  'exchange-code.js': 12_000,
  'refresh-token.js': 12_000,
};

const entries = readdirSync(new URL('./scripts-src/entries/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .sort();

/** Fresh plugin instances: every bundle and every lazy part (build/lazyText.mjs) is built with these. */
const sourcePlugins = () => [
  nodeResolve({ browser: false, preferBuiltins: false }),
  commonjs(),
  typescript({ tsconfig: 'scripts-src/tsconfig.json', noEmitOnError: true }),
];
const minify = () => [terser({ format: { comments: /^!/ }, compress: { passes: 2 }, ecma: 2017 })];

export default entries.map((file) => {
  const name = file.replace(/\.ts$/, '');
  return {
    input: `scripts-src/entries/${file}`,
    output: {
      file: `dist/scripts/${name}.js`,
      format: 'iife',
      // Sloppy mode on purpose: the signer is kept for the run in an implicit global (see docs/design.md).
      strict: false,
      banner: `/*! netsuite-postman ${name}: generated from scripts-src/entries/${file}; edit the source, not this script. */`,
      plugins: minify(),
    },
    onwarn(warning) {
      throw new Error(`rollup warning in ${file} (warnings are fatal): ${warning.message}`);
    },
    plugins: [lazyText({ plugins: sourcePlugins, outputPlugins: minify, budgets: BUDGETS }), ...sourcePlugins(), bundleCheck(BUDGETS)],
  };
});
