#!/usr/bin/env node
// Entry point of the `netsuite-postman` command: loads the compiled CLI (dist/lib, built by
// `npm run build` and shipped in the package); cli/main.ts decides output and exit codes.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/lib/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('netsuite-postman: the CLI is not built (dist/lib/cli.js is missing). In a clone, run `npm run build` first.\n');
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
