// Builds dist/scripts/collection-test.js exactly as rollup.config.mjs does, but with a budget
// override (NSP_COLLECTION_TEST_BUDGET, default 24000), so the diagnosis can be tested while its
// size request for rollup.config.mjs is pending. Usage: node test/doctor/buildCollectionTest.mjs [outDir]
import { rollup } from 'rollup';
import config, { BUDGETS } from '../../rollup.config.mjs';
import { bundleCheck } from '../../build/bundleCheck.mjs';

const outDir = process.argv[2];
const entry = config.find((c) => c.input.endsWith('collection-test.ts'));
const plugins = entry.plugins.map((p) => (p.name === 'netsuite-postman-bundle-check'
  ? bundleCheck({ ...BUDGETS, 'collection-test.js': Number(process.env.NSP_COLLECTION_TEST_BUDGET || BUDGETS['collection-test.js']) })
  : p));
const bundle = await rollup({ ...entry, plugins });
const output = { ...entry.output, ...(outDir ? { file: `${outDir}/collection-test.js` } : {}) };
const { output: chunks } = await bundle.write(output);
console.log(`${output.file}: ${Buffer.byteLength(chunks[0].code, 'utf8')} bytes`);
await bundle.close();
