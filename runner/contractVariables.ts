import type { ContractVariableDoc } from '../generator/contract.ts';
import { readScriptMetadata } from '../generator/scriptMetadataFile.ts';

/** The contract variables (names, secret flags), as the build extracted them from scripts-src/pm/variables.ts. */
export function contractVariables(): ContractVariableDoc[] {
  return readScriptMetadata().contract.variables;
}
