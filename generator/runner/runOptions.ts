import { CliError, EXIT } from '../cliTypes.ts';
import { REPORTERS, type ReporterName } from './reportFiles.ts';
import { parseCommandArgs } from '../parseCommandArgs.ts';

/** Newman flags that carry values on the command line; the runner refuses them (secrets stay out of argv). */
const ARGV_VARIABLE_FLAGS = ['--env-var', '--global-var', '--envVar', '--globalVar'];

export function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliError('USAGE', `--${name} must be an integer from ${min} to ${max}, not "${value}".`, EXIT.usage);
  }
  return Number(value);
}

export function parseReporters(value: string | undefined): ReporterName[] {
  if (value === undefined) return [...REPORTERS];
  const names = value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const mapped = names.map((name) => (name === 'htmlextra' ? 'html' : name));
  for (const name of mapped) {
    if (!(REPORTERS as readonly string[]).includes(name)) {
      throw new CliError('USAGE', `unknown reporter "${name}". Valid: ${REPORTERS.join(', ')} (comma-separated).`, EXIT.usage);
    }
  }
  return REPORTERS.filter((name) => mapped.includes(name));
}

/** node:util parseArgs with the runner's friendly messages (usage appended). */
export function parseOptions<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>>(
  argv: string[],
  options: T,
  usage: string,
): Record<string, string | boolean | string[] | undefined> {
  const refused = argv.find((arg) => ARGV_VARIABLE_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  if (refused) {
    throw new CliError(
      'USAGE',
      `${refused.split('=')[0]} is not supported: variables (and secrets) come from the --environment file or from process environment variables such as NETSUITE_CLIENT_ID, never from the command line.`,
      EXIT.usage,
    );
  }
  return parseCommandArgs(argv, options, usage) as Record<string, string | boolean | string[] | undefined>;
}
