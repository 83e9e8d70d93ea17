import type { ContractVariableDoc } from './contract.ts';
import { stableId } from './stableId.ts';

export const TEMPLATES = ['sandbox', 'production'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** Example `account_id` per template: shown in the description, never stored as the value. */
const ACCOUNT_EXAMPLES: Record<TemplateName, string> = { sandbox: '1234567_SB1', production: '1234567' };
const TITLES: Record<TemplateName, string> = { sandbox: 'NetSuite sandbox', production: 'NetSuite production' };

export interface EnvironmentValue {
  key: string;
  value: string;
  /** Postman's types: `default` (plain) or `secret` (masked in the app). */
  type: 'default' | 'secret';
  enabled: boolean;
  description: string;
}

export interface PostmanEnvironment {
  id: string;
  name: string;
  values: EnvironmentValue[];
  _postman_variable_scope: 'environment';
}

export function templateFile(template: TemplateName): string {
  return `environments/${template}.postman_environment.json`;
}

function describeVariable(variable: ContractVariableDoc, template: TemplateName): string {
  let text = variable.description;
  if (variable.name === 'account_id') {
    text += ` Example for this template: \`${ACCOUNT_EXAMPLES[template]}\` (left empty here so an example is never sent to a real account).`;
  }
  if (variable.name === 'allow_production' && template === 'production') {
    text += ' Leave `false` unless this run is meant to change production data.';
  }
  if (variable.secret) text += ' Secret: keep it out of shared files (`netsuite-postman env --share`).';
  return text;
}

/**
 * An environment template: every contract variable (even ones no script reads), described,
 * secrets typed `secret` and empty, defaults as values, nothing else filled in.
 */
export function buildEnvironmentTemplate(template: TemplateName, contract: readonly ContractVariableDoc[]): PostmanEnvironment {
  return {
    id: stableId(`environment/${template}`),
    name: `${TITLES[template]} (netsuite-postman)`,
    values: contract.map((variable) => ({
      key: variable.name,
      value: variable.secret ? '' : (variable.default ?? ''),
      type: variable.secret ? 'secret' : 'default',
      enabled: true,
      description: describeVariable(variable, template),
    })),
    _postman_variable_scope: 'environment',
  };
}

/** The template with `values` filled in (unset names keep the template's value). */
export function fillEnvironment(
  base: PostmanEnvironment,
  values: ReadonlyMap<string, string>,
  name: string,
  idPath: string,
): PostmanEnvironment {
  return {
    ...base,
    id: stableId(idPath),
    name,
    values: base.values.map((entry) => (values.has(entry.key) ? { ...entry, value: values.get(entry.key)! } : { ...entry })),
  };
}

/** A copy safe to hand to a team: every secret value blanked. */
export function shareableEnvironment(environment: PostmanEnvironment, name: string, idPath: string): PostmanEnvironment {
  return {
    ...environment,
    id: stableId(idPath),
    name,
    values: environment.values.map((entry) => (entry.type === 'secret' ? { ...entry, value: '' } : { ...entry })),
  };
}
