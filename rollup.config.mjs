// One plain-script bundle per entry in scripts-src/entries/, for the Postman sandbox.
import { readdirSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { bundleCheck } from './build/bundleCheck.mjs';
import { runtimeCarrier } from './build/runtimeCarrier.mjs';

/** Bytes allowed per minified bundle; the benchmark issue reports the real sizes against these. */
export const BUDGETS = {
  // Every request runs these two, and the engines copy each hook's text into the sandbox every time:
  // keep them small (bench/RESULTS.md, docs/design.md "One runtime per run"). Since issue 13
  // (2026-12-03) all they do is in the runtime (below), which collection-prerequest.js carries
  // deflated (build/runtimeCarrier.mjs) and a run compiles once; the hooks themselves are stubs.
  // collection-prerequest.js was 54,626 bytes of code (24,407 parsed per request), collection-test.js
  // 34,264 (13,781 parsed): 88,890 bytes copied per request before, now the carrier below.
  // 44,799 bytes at 2026-12-03 (nsp_session): a 4.4 KB stub and the deflated runtime (its growth is bounded by runtime.js).
  // 46,000 → 50,000 (2026-12-03): TBA's HMAC-SHA256 from @noble/hashes (+4.4 KB): 0.1–0.2 ms less per TBA
  // request, while the text itself measures nothing per request (bench/RESULTS.md, section 7 "hook-text").
  'collection-prerequest.js': 50_000,
  'collection-test.js': 1_500,
  // The runtime as text (before deflation): both hooks' code, incl. minting/refreshing (Web Crypto
  // signer, PEM reader and its refusals, token requests) and unusual responses (diagnosis,
  // rate-limit decisions, paging and job following).
  'runtime.js': 96_000,
  // Parsed once per run by "Auth / Mint M2M token": jsrsasign is most of it. 340,000 → 350,000
  // (2026-12-03): it also signs with Web Crypto where the engine has it (the Postman app's).
  'mint-m2m.js': 350_000,
  'token-response.js': 20_000,
  'authorize-url.js': 14_000,
  'authorize-response.js': 8_000,
  'exchange-code.js': 12_000,
  'refresh-token.js': 12_000,
};

/**
 * Hooks that use no legacy sandbox API start with `"use sandbox2";`: postman-sandbox then skips
 * building the legacy globals (copies of the request, the variables and, for a test script, the
 * whole response) for every execution — 2–3 % of a request (bench/RESULTS.md, section 8). Both
 * collection hooks do; the run cursor, which is on the legacy object only, is read by the Auth
 * requests' item scripts (scripts-src/pm/singleSend.ts says how a Send is told from a run).
 */
const SANDBOX2 = new Set(['collection-prerequest', 'collection-test']);
/** After terser (which would treat the marker as a directive): the engines look for it at offset 0. */
const sandbox2Marker = () => ({ name: 'netsuite-postman-sandbox2-marker', renderChunk: (code) => ({ code: `"use sandbox2";\n${code}`, map: null }) });

const entries = readdirSync(new URL('./scripts-src/entries/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .sort();

/** Fresh plugin instances: every bundle and the runtime (build/runtimeCarrier.mjs) are built with these. */
const sourcePlugins = () => [
  nodeResolve({ browser: false, preferBuiltins: false }),
  commonjs(),
  typescript({ tsconfig: 'scripts-src/tsconfig.json', noEmitOnError: true }),
];
// Single quotes and ASCII only: every request, the engines serialize each hook's text to JSON (its
// bridge into the sandbox); a `"` costs an escape there, a non-ASCII character makes the whole text
// a two-byte string (bench/RESULTS.md, section 7).
const minify = () => [terser({ format: { comments: /^!/, quote_style: 1, ascii_only: true }, compress: { passes: 2 }, ecma: 2017 })];

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
      plugins: [...minify(), ...(SANDBOX2.has(name) ? [sandbox2Marker()] : [])],
    },
    onwarn(warning) {
      throw new Error(`rollup warning in ${file} (warnings are fatal): ${warning.message}`);
    },
    plugins: [runtimeCarrier({ plugins: sourcePlugins, outputPlugins: minify, budgets: BUDGETS }), ...sourcePlugins(), bundleCheck(BUDGETS)],
  };
});
