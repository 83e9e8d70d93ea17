import { relative, resolve } from 'node:path';
import { generate, REPO_ROOT, writeGenerated } from '../generator/generate.ts';
import { GeneratorError } from '../generator/GeneratorError.ts';
import { COLLECTIONS } from '../runner/collectionNames.ts';
import { contractVariables } from '../runner/contractVariables.ts';
import { simulatorHooks, startEmbeddedSimulator } from '../runner/embeddedSimulator.ts';
import { secretValues } from '../runner/environmentFile.ts';
import { runMatrix } from '../runner/runMatrix.ts';
import { AUTH_METHODS } from '../scripts-src/core/authMethod.ts';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { printRunEvents, printRunResult } from './printRun.ts';
import { formatDuration } from './summaryTable.ts';

const USAGE = [
  'Usage: netsuite-postman start [--reports-dir DIR] [--out DIR] [--bundles DIR] [--verbose]',
  '',
  'What `npm start` runs after `npm run build`: regenerates the collections and environment templates',
  'from the bundles, starts the embedded NetSuite simulator on a free loopback port, runs both',
  'collections with every auth method (m2m, tba, authcode through its refresh token) with Newman,',
  'prints a line per request and a summary table, writes JUnit XML and HTML reports, stops the',
  'simulator. Nothing leaves 127.0.0.1. From an installed package, give --out (the package folder',
  'is not yours to write).',
  '',
  'Options:',
  '  --reports-dir DIR  Where the reports go (default: reports/): <collection>-<method>.xml/.html.',
  '  --out DIR          Generate into DIR (holding collections/ and environments/) and run those',
  '                     collections (default: the repository root).',
  '  --bundles DIR      The Rollup bundles (default: dist/scripts).',
  '',
  'Exit codes: 0 every run passed, 1 something failed (or the generator failed on the sources),',
  '2 bad usage or missing bundles (run `npm run build`), 3 internal error.',
].join('\n');

export const startCommand: Command = {
  name: 'start',
  summary: 'Generate, start the simulator and run every collection with every auth method (npm start).',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(argv, { 'reports-dir': { type: 'string' }, out: { type: 'string' }, bundles: { type: 'string' } }, USAGE);
    const started = Date.now();
    const outDir = values.out ? resolve(io.cwd, values.out) : REPO_ROOT;
    const reportsDir = resolve(io.cwd, values['reports-dir'] ?? 'reports');

    let result;
    try {
      result = generate({ outDir, ...(values.bundles ? { bundlesDir: resolve(io.cwd, values.bundles) } : {}) });
    } catch (error) {
      if (error instanceof GeneratorError) {
        throw new CliError(error.code, `generate failed: ${error.message}`, error.code === 'MISSING_BUNDLE' ? EXIT.usage : EXIT.failed);
      }
      throw error;
    }
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
    const written = writeGenerated(result);
    const where = relative(io.cwd, outDir) || '.';
    io.out(`Generated ${result.files.length} files in ${where}/ (${written.length === 0 ? 'all unchanged' : `written: ${written.join(', ')}`}).`);

    const simulator = await startEmbeddedSimulator();
    let exitCode: number;
    try {
      io.out(`NetSuite simulator listening at ${simulator.baseUrl} (account ${simulator.account.realm}).`);
      io.out(`Running ${COLLECTIONS.length} collections × ${AUTH_METHODS.length} auth methods, one request at a time.`);
      const secrets = secretValues(simulator.environment, contractVariables());
      const run = await runMatrix(
        {
          root: outDir,
          collections: COLLECTIONS,
          authMethods: AUTH_METHODS,
          environment: simulator.environment,
          reporters: ['cli', 'junit', 'html'],
          reportsDir,
          secrets,
          simulator: simulatorHooks(simulator),
          interrupted: io.interrupted,
        },
        printRunEvents(io, { progress: true, verbose: io.verbose === true }),
      );
      exitCode = printRunResult(io, run, reportsDir);
    } finally {
      await simulator.stop();
    }
    io.out(`Simulator stopped. Total ${formatDuration(Date.now() - started)}.`);
    if (exitCode === EXIT.ok) {
      io.out('Next: import collections/ and environments/ into Postman, or run against your account — see docs/getting-started.md.');
    }
    return exitCode;
  },
};
