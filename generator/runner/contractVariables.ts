import { join } from 'node:path';
import { readContract, type ContractVariableDoc } from '../contract.ts';
import { REPO_ROOT } from '../generate.ts';

/** The contract variables (names, secret flags), read from scripts-src/pm/variables.ts as `env` does. */
export function contractVariables(): ContractVariableDoc[] {
  return readContract(join(REPO_ROOT, 'scripts-src', 'pm', 'variables.ts')).variables;
}
