import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { contractVariables } from '../runner/contractVariables.ts';
import { mergeProcessEnvironment, readEnvironmentFile, secretValues } from '../runner/environmentFile.ts';
import { fetchMetadataCatalog } from '../runner/fetchMetadataCatalog.ts';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { integerOption } from './runOptions.ts';

const USAGE = [
  'Usage: netsuite-postman metadata --environment FILE --records a,b,… [--out FILE] [--timeout-request MS]',
  '',
  "Fetches the account's metadata catalog as OpenAPI 3 (GET …/record/v1/metadata-catalog?select=… with",
  'Accept: application/swagger+json) with the REST collection\'s own auth — any auth_method, the same',
  'token handling and diagnosis — and saves it for `netsuite-postman generate --metadata FILE`.',
  '',
  'Options:',
  '  --environment, -e FILE  Postman environment (NETSUITE_* process variables override it, as in `run`).',
  '  --records LIST          Record types to describe, comma-separated or repeated: customer,salesorder,',
  '                          customrecord_x. NetSuite builds the document per type; ask for what you use.',
  '  --out FILE              Where to save the document (default: metadata-catalog.json). Written only',
  '                          when the fetch succeeds.',
  '  --timeout-request MS    Give up on the catalog request after MS milliseconds (a large catalog is slow).',
  '',
  'Exit codes: 0 saved, 1 NetSuite refused or did not answer (the diagnosis says why), 2 bad usage or input.',
].join('\n');

export const metadataCommand: Command = {
  name: 'metadata',
  summary: "Save the account's metadata catalog (OpenAPI 3) for generate --metadata.",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(
      argv,
      {
        environment: { type: 'string', short: 'e' },
        records: { type: 'string', multiple: true },
        out: { type: 'string' },
        'timeout-request': { type: 'string' },
      },
      USAGE,
    );
    if (!values.environment) throw new CliError('USAGE', `--environment FILE is required.\n\n${USAGE}`);
    const records = (values.records ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
    if (records.length === 0) throw new CliError('USAGE', `--records is required: the record types to describe, e.g. --records customer,salesorder.\n\n${USAGE}`);
    const timeoutRequest = integerOption(values['timeout-request'], 'timeout-request', 1, 3_600_000);
    const contract = contractVariables();
    const { environment, fromProcess } = mergeProcessEnvironment(readEnvironmentFile(values.environment, io.cwd), io.env, contract);
    io.out(
      `Fetching the metadata catalog for ${records.join(', ')} (${values.environment}` +
        `${fromProcess.length ? `; from the process environment: ${fromProcess.join(', ')}` : ''})…`,
    );
    const result = await fetchMetadataCatalog({
      environment,
      records,
      secrets: secretValues(environment, contract),
      ...(timeoutRequest !== undefined ? { timeoutRequest } : {}),
    });
    const out = resolve(io.cwd, values.out ?? 'metadata-catalog.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result.document, null, 2)}\n`);
    const paths = Object.keys((result.document.paths as Record<string, unknown> | undefined) ?? {}).length;
    io.out(`Saved ${relative(io.cwd, out) || out} (OpenAPI ${String(result.document.openapi ?? '?')}, ${paths} paths, auth_method ${result.authMethod}).`);
    io.out(`Next: npx netsuite-postman generate --metadata ${relative(io.cwd, out) || out} --out .`);
    return EXIT.ok;
  },
};
