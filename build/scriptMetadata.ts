// Build step: extracts the variable contract and each bundle's variable reads from scripts-src/
// with ts-morph into dist/script-metadata.json (what the generator and CLI read at run time).
import { join, relative } from 'node:path';
import { BUNDLES } from '../generator/bundles.ts';
import { extractScriptMetadata } from '../generator/extractVariables.ts';
import { PACKAGE_ROOT } from '../generator/packageRoot.ts';
import { SCRIPT_METADATA_FILE, writeScriptMetadata } from '../generator/scriptMetadataFile.ts';

const scripts = join(PACKAGE_ROOT, 'scripts-src');
const metadata = extractScriptMetadata({
  entriesDir: join(scripts, 'entries'),
  contractFile: join(scripts, 'pm', 'variables.ts'),
  entries: [...BUNDLES],
  root: PACKAGE_ROOT,
});
writeScriptMetadata(metadata);
console.log(`script metadata: ${metadata.contract.variables.length} contract variables, ${metadata.reads.size} bundles → ${relative(PACKAGE_ROOT, SCRIPT_METADATA_FILE)}`);
