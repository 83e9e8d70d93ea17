import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DotenvError, parseDotenv } from '../generator/dotenv.ts';
import { TEMPLATES, type TemplateName } from '../generator/environments.ts';
import { DEFAULT_ENV_OUT, writeEnvironment } from '../generator/writeEnvironment.ts';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

const USAGE = [
  'Usage: netsuite-postman env [--from-dotenv FILE] [--out FILE] [--share FILE] [--template sandbox|production]',
  '',
  'Writes a filled Postman environment from process environment variables (or a .env file).',
  'Each contract variable is read as `account_id` or `NETSUITE_ACCOUNT_ID` (either spelling; if both',
  'are set they must agree). Empty values count as unset. Values the collections would refuse (an',
  'account id in the wrong form, an unknown auth_method, RS256, a private key that is mangled, too',
  'small or of the wrong type for jwt_algorithm) are refused here, naming the variable; nothing is written.',
  '',
  'Options:',
  '  --from-dotenv FILE  Read the variables from FILE instead of the process environment.',
  `  --out FILE          Where to write the filled environment (default: ${DEFAULT_ENV_OUT}, git-ignored).`,
  '                      Refused under environments/ when it would hold a secret.',
  '  --share FILE        Also write a copy with every secret value blanked, safe to hand to a team.',
  '  --template NAME     sandbox or production (default: production for a plain numeric account_id,',
  '                      sandbox otherwise).',
].join('\n');

export const envCommand: Command = {
  name: 'env',
  summary: 'Write a filled environment from environment variables or a .env file (and a shareable copy).',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(
      argv,
      { 'from-dotenv': { type: 'string' }, out: { type: 'string' }, share: { type: 'string' }, template: { type: 'string' } },
      USAGE,
    );
    if (values.template !== undefined && !(TEMPLATES as readonly string[]).includes(values.template)) {
      throw new CliError('USAGE', `--template must be ${TEMPLATES.join(' or ')}, not "${values.template}".`);
    }
    let source: Readonly<Record<string, string | undefined>> | Map<string, string> = io.env;
    let sourceName = 'the process environment';
    if (values['from-dotenv'] !== undefined) {
      const file = resolve(io.cwd, values['from-dotenv']);
      if (!existsSync(file)) throw new CliError('NO_DOTENV', `${values['from-dotenv']} does not exist.`);
      try {
        source = parseDotenv(readFileSync(file, 'utf8'));
      } catch (error) {
        if (error instanceof DotenvError) throw new CliError('BAD_DOTENV', `${values['from-dotenv']}: ${error.message}`);
        throw error;
      }
      sourceName = values['from-dotenv'];
    }
    const result = writeEnvironment({
      source,
      cwd: io.cwd,
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.share !== undefined ? { share: values.share } : {}),
      ...(values.template !== undefined ? { template: values.template as TemplateName } : {}),
    });
    for (const name of result.unknown) io.err(`warning: ${name} is not a contract variable; ignored.`);
    io.out(
      `wrote ${relative(io.cwd, result.out)} (${result.template} template, ${result.set} of ${result.total} variables from ${sourceName}` +
        `${result.secretsSet.length ? `; secrets set: ${result.secretsSet.join(', ')}` : ''}).`,
    );
    if (result.share) io.out(`wrote ${relative(io.cwd, result.share)} (every secret blanked; safe to share).`);
    return EXIT.ok;
  },
};
