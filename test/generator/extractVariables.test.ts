import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLES } from '../../generator/bundles.ts';
import { extractScriptMetadata } from '../../generator/extractVariables.ts';
import { GeneratorError } from '../../generator/GeneratorError.ts';
import { cleanTemps, generateFixture, scriptsCopy, tempDir } from './helpers.ts';

afterEach(cleanTemps);

function extract(scripts: string) {
  return extractScriptMetadata({
    entriesDir: join(scripts, 'entries'),
    contractFile: join(scripts, 'pm', 'variables.ts'),
    entries: [...BUNDLES],
    root: scripts,
  });
}

function append(file: string, text: string): void {
  writeFileSync(file, `${readFileSync(file, 'utf8')}${text}`);
}

function failure(run: () => unknown): GeneratorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    return error as GeneratorError;
  }
  throw new Error('expected a GeneratorError');
}

describe('extractScriptMetadata', () => {
  it('follows relative imports, aliases and namespace imports; readSecretsForRedaction reads every secret', () => {
    const metadata = extract(scriptsCopy());
    expect(metadata.reads.get('collection-prerequest')).toEqual(
      [
        'account_id',
        'auth_method',
        'certificate_id',
        'client_id',
        'client_secret',
        'consumer_key',
        'consumer_secret',
        'jwt_algorithm',
        'private_key',
        'refresh_token',
        'token_id',
        'token_refresh_buffer_seconds',
        'token_secret',
      ],
    );
    expect(metadata.reads.get('collection-test')).toEqual(['account_id']);
    expect(metadata.reads.get('mint-m2m')).toEqual(['certificate_id', 'client_id', 'jwt_algorithm', 'private_key', 'scope']);
    expect(metadata.reads.get('authorize-response')).toEqual([]);
    expect(metadata.warnings).toEqual(['entries/authorize-response.ts does not exist yet: its bundle is documented as reading no variables.']);
  });

  it('reads JSDoc text, @secret, @authMethods and @default of every contract property', () => {
    const { contract } = extract(scriptsCopy());
    expect(contract.variables).toHaveLength(21);
    const key = contract.variables.find((variable) => variable.name === 'private_key')!;
    expect(key).toMatchObject({ secret: true, authMethods: ['m2m'], documented: true });
    expect(key.description).toMatch(/^PEM private key of the certificate/);
    expect(contract.variables.find((variable) => variable.name === 'jwt_algorithm')!.default).toBe('PS256');
    expect(contract.variables.find((variable) => variable.name === 'account_id')!.authMethods).toEqual(['m2m', 'tba', 'authcode']);
  });

  it('fails, naming file and line, when a script reads a variable without JSDoc', () => {
    const scripts = scriptsCopy();
    const contract = join(scripts, 'pm', 'variables.ts');
    const text = readFileSync(contract, 'utf8');
    // Strip the JSDoc of restlet_script.
    const stripped = text.replace(/ {2}\/\*\*\n {3}\* Script id of the RESTlet to call[^]*?\*\/\n/, '');
    expect(stripped).not.toBe(text);
    writeFileSync(contract, stripped);
    // Unread, an undocumented property is not an error (the template still lists it).
    expect(() => extract(scripts)).not.toThrow();
    append(join(scripts, 'entries', 'refresh-token.ts'), "requireVariable(source, 'restlet_script', 'x');\n");
    const error = failure(() => extract(scripts));
    expect(error.code).toBe('UNDOCUMENTED_VARIABLE');
    expect(error.message).toMatch(/^entries\/refresh-token\.ts:5: reads the variable "restlet_script", which has no JSDoc at pm\/variables\.ts:\d+/);
    // The whole build fails the same way.
    expect(() => generateFixture(tempDir(), { scriptsDir: scripts })).toThrow(/no JSDoc/);
  });

  it('fails on a variable name that is not a string literal', () => {
    const scripts = scriptsCopy();
    append(join(scripts, 'core', 'auth.ts'), "\nconst name = 'scope' as const;\nexport const dynamic = () => read(source, name);\n");
    const error = failure(() => extract(scripts));
    expect(error.code).toBe('NON_LITERAL_VARIABLE');
    expect(error.message).toMatch(/^core\/auth\.ts:10: readVariable\(\) must name its variable with a string literal \(got `name`\)/);
  });

  it('fails on a name that is not a contract variable', () => {
    const scripts = scriptsCopy();
    append(join(scripts, 'entries', 'exchange-code.ts'), "readVariable(source as never, 'acount_id' as never);\nimport { readVariable } from '../pm/variables';\n");
    const error = failure(() => extract(scripts));
    expect(error.code).toBe('UNKNOWN_VARIABLE');
    expect(error.message).toContain('"acount_id", which is not a property of ContractVariables');
  });

  it('fails when SECRET_VARIABLES and the @secret tags disagree', () => {
    const scripts = scriptsCopy();
    const contract = join(scripts, 'pm', 'variables.ts');
    writeFileSync(contract, readFileSync(contract, 'utf8').replace("  'token_secret',\n];", '];'));
    const error = failure(() => extract(scripts));
    expect(error.code).toBe('CONTRACT_MISMATCH');
    expect(error.message).toMatch(/tagged @secret but not listed: token_secret/);
  });

  it('treats a missing entry as reading nothing, with a warning', () => {
    const scripts = scriptsCopy();
    rmSync(join(scripts, 'entries', 'mint-m2m.ts'));
    const metadata = extract(scripts);
    expect(metadata.reads.get('mint-m2m')).toEqual([]);
    expect(metadata.warnings).toContain('entries/mint-m2m.ts does not exist yet: its bundle is documented as reading no variables.');
  });
});
