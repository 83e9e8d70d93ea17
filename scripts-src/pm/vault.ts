// Postman Vault references in secret variables: a value `{{vault:NAME}}` names a secret kept in the
// user's Postman Vault. The Postman app's engine (postman-sandbox 6.x) reads it with pm.vault.get;
// Newman has no vault, so there the refusal says how to pass the secret instead. (Where a consumer
// of postman-runtime resolves secret variables itself — its `secretResolver` option — the script
// sees the resolved value and nothing here runs.)
import { NspError } from '../core/NspError';
import type { ContractVariable } from './variables';

const REFERENCE = /^\s*\{\{\s*vault:([^{}]+?)\s*\}\}\s*$/;

function referenceOf(name: ContractVariable): string | undefined {
  const value = pm.variables.get(name);
  const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
  return match ? (match[1] as string) : undefined;
}

/**
 * Replaces, for this request only (local variables), each of `names` whose value is a vault
 * reference with the secret from the vault. Undefined when none is a reference (the common case:
 * nothing asynchronous); else a promise that rejects with an NspError naming the variable.
 */
export function resolveVaultReferences(names: ContractVariable[]): Promise<void> | undefined {
  const pending: Array<Promise<void>> = [];
  for (const name of names) {
    const secret = referenceOf(name);
    if (secret === undefined) continue;
    if (!pm.vault || typeof pm.vault.get !== 'function') {
      return Promise.reject(
        new NspError(
          'VAULT_UNAVAILABLE',
          `${name} is a Postman Vault reference, to the vault secret "${secret}", but this engine (Newman) has no Postman Vault. ` +
            `Pass the secret itself instead: export NETSUITE_${name.toUpperCase()} from your CI's secret store for \`netsuite-postman run\`, ` +
            `or put it in an environment file that is never committed (\`netsuite-postman env\` writes one to local/). ` +
            `Not on the command line: argv shows in process listings and logs.`,
          name,
        ),
      );
    }
    pending.push(
      Promise.resolve(pm.vault.get(secret)).then(
        (value) => {
          if (typeof value !== 'string' || value.trim() === '') {
            throw new NspError(
              'VAULT_SECRET_MISSING',
              `${name} is a Postman Vault reference, to the vault secret "${secret}", but the vault has no value for "${secret}". Add it in ` +
                `Postman (Vault, in the footer), or set ${name} to the secret itself.`,
              name,
            );
          }
          pm.variables.set(name, value);
        },
        (error: unknown) => {
          throw new NspError(
            'VAULT_DENIED',
            `${name} is a Postman Vault reference, to the vault secret "${secret}", and the vault refused it (${String(error instanceof Error ? error.message : error)}). ` +
              'Allow scripts of this collection to read the vault (Vault settings), or set the variable to the secret itself.',
            name,
          );
        },
      ),
    );
  }
  return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
}
