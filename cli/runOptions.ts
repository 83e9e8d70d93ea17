import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_REPORTERS, REPORTERS, type ReporterName } from '../runner/reportFiles.ts';
import { CliError, EXIT } from './cliTypes.ts';

export function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliError('USAGE', `--${name} must be an integer from ${min} to ${max}, not "${value}".`, EXIT.usage);
  }
  return Number(value);
}

/** A file option that must exist (iteration data, TLS certificates): the path, resolved. */
export function fileOption(value: string | undefined, name: string, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const path = resolve(cwd, value);
  if (!existsSync(path)) throw new CliError('MISSING_FILE', `--${name} ${value}: no such file (looked at ${path}).`, EXIT.usage);
  return path;
}

export function parseReporters(value: string | undefined): ReporterName[] {
  if (value === undefined) return [...DEFAULT_REPORTERS];
  const names = value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const mapped = names.map((name) => (name === 'htmlextra' ? 'html' : name));
  for (const name of mapped) {
    if (!(REPORTERS as readonly string[]).includes(name)) {
      throw new CliError('USAGE', `unknown reporter "${name}". Valid: ${REPORTERS.join(', ')} (comma-separated).`, EXIT.usage);
    }
  }
  return REPORTERS.filter((name) => mapped.includes(name));
}
