import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './cliTypes.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs as every command uses it: strict, no positionals, and a usage error that
 * quotes the problem followed by the command's usage (exit 2).
 */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message}\n\n${usage}`, EXIT.usage);
  }
}
