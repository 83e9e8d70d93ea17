import type { ContractVariableDoc } from './contract.ts';
import { GeneratorError } from './GeneratorError.ts';

/** The process-environment spelling of a contract variable: `NETSUITE_<NAME>`. */
export function prefixedName(name: string): string {
  return `NETSUITE_${name.toUpperCase()}`;
}

/**
 * Contract values from a name → value source (the process environment, a .env file), each read as
 * `account_id` or `NETSUITE_ACCOUNT_ID`; empty counts as unset; both spellings set to different
 * values is an error. `unknown` lists NETSUITE_* names that are not contract variables.
 */
export function contractValues(
  source: Readonly<Record<string, string | undefined>> | ReadonlyMap<string, string>,
  contract: readonly ContractVariableDoc[],
): { values: Map<string, string>; unknown: string[] } {
  const get = (key: string) => (source instanceof Map ? source.get(key) : (source as Record<string, string | undefined>)[key]);
  const values = new Map<string, string>();
  for (const variable of contract) {
    const plain = get(variable.name);
    const prefixed = get(prefixedName(variable.name));
    const a = plain === undefined || plain === '' ? undefined : plain;
    const b = prefixed === undefined || prefixed === '' ? undefined : prefixed;
    if (a !== undefined && b !== undefined && a !== b) {
      throw new GeneratorError(
        'CONFLICTING_VARIABLE',
        `both ${variable.name} and ${prefixedName(variable.name)} are set, to different values; keep one of them.`,
      );
    }
    const value = a ?? b;
    if (value !== undefined) values.set(variable.name, value);
  }
  const known = new Set(contract.map((variable) => prefixedName(variable.name)));
  const keys = source instanceof Map ? [...source.keys()] : Object.keys(source);
  const unknown = keys.filter((key) => key.startsWith('NETSUITE_') && !known.has(key)).sort();
  return { values, unknown };
}
