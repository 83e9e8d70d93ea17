import { resolve } from 'node:path';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { drift, generate, REPO_ROOT, writeGenerated } from '../generator/generate.ts';
import { GeneratorError } from '../generator/GeneratorError.ts';
import { generateMetadataCollection } from '../generator/metadata/generateMetadataCollection.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

const USAGE = [
  'Usage: netsuite-postman generate [--check] [--bundles DIR] [--out DIR]',
  '       netsuite-postman generate --metadata FILE [--records a,b,…] [--out DIR] [--name NAME] [--bundles DIR]',
  '',
  'Builds collections/*.postman_collection.json (versioned, with collections/CHANGELOG.md) and',
  'environments/*.postman_environment.json from the Rollup bundles and the script sources.',
  '',
  'With --metadata, builds DIR/collections/netsuite-records.postman_collection.json from an OpenAPI 3',
  'document saved by `netsuite-postman metadata`: the Auth folder first, then a folder per record type',
  'with a request for every operation the document has, with the REST collection\'s auth and scripts.',
  '',
  'Options:',
  '  --check          Write nothing; exit 1 listing the files that differ from what the sources generate.',
  '  --bundles DIR    Directory of the bundles (default: dist/scripts; run `npm run build` first).',
  '  --out DIR        Directory holding collections/ (and environments/). Default: the repository root;',
  '                   with --metadata, the current directory.',
  '  --metadata FILE  The saved metadata catalog (OpenAPI 3 JSON).',
  '  --records LIST   With --metadata: only these record types, in this order (comma-separated).',
  '  --name NAME      With --metadata: the collection file stem (default netsuite-records).',
].join('\n');

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate the versioned collections and environment templates (or --check them).',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(
      argv,
      {
        check: { type: 'boolean' },
        bundles: { type: 'string' },
        out: { type: 'string' },
        metadata: { type: 'string' },
        records: { type: 'string', multiple: true },
        name: { type: 'string' },
      },
      USAGE,
    );
    if (values.metadata !== undefined) {
      if (values.check) throw new CliError('USAGE', '--check applies to the built-in collections, not to --metadata.');
      const records = (values.records ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
      const generated = await generateMetadataCollection({
        file: resolve(io.cwd, values.metadata),
        outDir: resolve(io.cwd, values.out ?? '.'),
        ...(records.length ? { records } : {}),
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.bundles !== undefined ? { bundlesDir: resolve(io.cwd, values.bundles) } : {}),
      });
      for (const warning of generated.warnings) io.err(`warning: ${warning}`);
      for (const file of generated.files) io.out(file.progress);
      io.out(`${generated.records.length} record types, ${generated.requests} requests: ${generated.records.join(', ')}.`);
      return EXIT.ok;
    }
    if (values.records !== undefined || values.name !== undefined) throw new CliError('USAGE', '--records and --name go with --metadata FILE.');
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
