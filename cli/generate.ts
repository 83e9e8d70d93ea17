import { resolve } from 'node:path';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { drift, generate, REPO_ROOT, writeGenerated } from '../generator/generate.ts';
import { GeneratorError } from '../generator/GeneratorError.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

const USAGE = [
  'Usage: netsuite-postman generate [--check] [--bundles DIR] [--out DIR]',
  '',
  'Builds collections/*.postman_collection.json (versioned, with collections/CHANGELOG.md) and',
  'environments/*.postman_environment.json from the Rollup bundles and the script sources.',
  '',
  'Options:',
  '  --check        Write nothing; exit 1 listing the files that differ from what the sources generate.',
  '  --bundles DIR  Directory of the bundles (default: dist/scripts; run `npm run build` first).',
  '  --out DIR      Directory holding collections/ and environments/ (default: the repository root).',
].join('\n');

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate the versioned collections and environment templates (or --check them).',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(argv, { check: { type: 'boolean' }, bundles: { type: 'string' }, out: { type: 'string' } }, USAGE);
    let result;
    try {
      result = generate({
        outDir: values.out ? resolve(io.cwd, values.out) : REPO_ROOT,
        bundlesDir: values.bundles ? resolve(io.cwd, values.bundles) : undefined,
      });
    } catch (error) {
      if (error instanceof GeneratorError) {
        throw new CliError(error.code, error.message, error.code === 'MISSING_BUNDLE' ? EXIT.usage : EXIT.failed);
      }
      throw error;
    }
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
    if (values.check) {
      const differing = drift(result);
      if (differing.length === 0) {
        io.out(`generate --check: ${result.files.length} files match the sources.`);
        return EXIT.ok;
      }
      io.err('generate --check: these files differ from what the sources generate:');
      for (const file of result.files.filter((entry) => differing.includes(entry.path))) {
        io.err(`  ${file.committed === undefined ? `${file.path} (missing)` : file.progress}`);
      }
      io.err('Run `npm run build && npx netsuite-postman generate` and commit the result.');
      return EXIT.failed;
    }
    writeGenerated(result);
    for (const file of result.files) io.out(file.progress);
    return EXIT.ok;
  },
};
