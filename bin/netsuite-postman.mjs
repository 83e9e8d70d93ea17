#!/usr/bin/env node
// Entry point of the `netsuite-postman` command. The CLI is TypeScript, loaded through tsx so a
// fresh clone needs no compile step; generator/cli.ts decides output and exit codes.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../generator/cli.ts');
process.exitCode = await main(process.argv.slice(2));
