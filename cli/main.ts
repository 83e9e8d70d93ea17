import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DoctorError } from '../doctor/DoctorError.ts';
import { GeneratorError } from '../generator/GeneratorError.ts';
import { PACKAGE_ROOT } from '../generator/packageRoot.ts';
import { MetadataCatalogError } from '../runner/MetadataCatalogError.ts';
import { RunnerError } from '../runner/RunnerError.ts';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';

interface Entry {
  summary: string;
  load: () => Promise<Command>;
}

/** Commands load lazily so `--help` and small commands start fast. */
const COMMANDS: Record<string, Entry> = {
  start: { summary: 'generate, then run every collection and auth method against the simulator', load: async () => (await import('./start.ts')).startCommand },
  run: { summary: 'run collections with Newman against an environment file (or the embedded simulator)', load: async () => (await import('./run.ts')).runCommand },
  doctor: { summary: 'diagnose an environment offline and live, one PASS/WARN/FAIL line per check', load: async () => (await import('./doctor.ts')).doctorCommand },
  simulate: { summary: 'start the embedded NetSuite simulator and write its environment', load: async () => (await import('./simulate.ts')).simulateCommand },
  env: { summary: 'write a filled environment from variables or a .env file (--share: secrets blanked)', load: async () => (await import('./env.ts')).envCommand },
  metadata: { summary: "save the account's metadata catalog (OpenAPI 3) with the collections' own auth", load: async () => (await import('./metadata.ts')).metadataCommand },
  generate: { summary: 'regenerate collections/ and environments/ (--check: fail on drift; --metadata: a records collection)', load: async () => (await import('./generate.ts')).generateCommand },
};

function usage(): string {
  return [
    'Usage: netsuite-postman <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(9)} ${entry.summary}`),
    '',
    'Run `netsuite-postman <command> --help` for the options of a command; `--version` prints the version.',
    'Exit codes: 0 success, 1 something failed, 2 bad usage or input, 3 internal error.',
  ].join('\n');
}

/** The package's version (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** GeneratorError codes that are the user's input, not a broken build. */
const GENERATOR_INPUT_CODES = new Set([
  'MISSING_BUNDLE',
  'CONFLICTING_VARIABLE',
  'INVALID_VARIABLE',
  'SECRETS_UNDER_ENVIRONMENTS',
  'SOURCES_MISSING',
  'METADATA_UNREADABLE',
  'METADATA_NOT_OPENAPI3',
  'METADATA_INVALID',
  'METADATA_UNRESOLVED_REF',
  'METADATA_UNKNOWN_RECORD_TYPE',
  'METADATA_NO_OPERATIONS',
  'BAD_OPTION',
]);

/** The exit code of a coded error thrown by a library: input problems are 2, a failed generation 1. */
function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof RunnerError || error instanceof DoctorError) return EXIT.usage;
  if (error instanceof GeneratorError) return GENERATOR_INPUT_CODES.has(error.code) ? EXIT.usage : EXIT.failed;
  // A catalog NetSuite refused or never sent is a failed run (1); a bad option or missing collection is input (2).
  if (error instanceof MetadataCatalogError) return error.code === 'BAD_OPTION' || error.code === 'NO_REST_COLLECTION' ? EXIT.usage : EXIT.failed;
  return undefined;
}

function defaultIo(): CliIo {
  const interrupted = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // Output piped into `head` and the like: a closed pipe ends the output quietly, not with a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    interrupted,
  };
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const verbose = argv.includes('--verbose');
  io.verbose = verbose;
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(packageVersion());
    return EXIT.ok;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`netsuite-postman: unknown command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`${command.usage}`);
      return EXIT.ok;
    }
    return await command.run(rest.filter((arg) => arg !== '--verbose'), io);
  } catch (error) {
    const code = exitCodeOf(error);
    if (code !== undefined) {
      io.err(`netsuite-postman ${name}: ${(error as Error).message}`);
      return code;
    }
    const err = error as Error;
    io.err(`netsuite-postman ${name}: internal error: ${err.message}`);
    if (verbose) io.err(err.stack ?? '');
    else io.err('Rerun with --verbose for the stack trace.');
    return EXIT.internal;
  }
}
