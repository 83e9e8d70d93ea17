import { Node, Project, SyntaxKind } from 'ts-morph';
import { GeneratorError } from './GeneratorError.ts';

import { AUTH_METHODS, type AuthMethod } from '../scripts-src/core/authMethod.ts';

export { AUTH_METHODS, type AuthMethod };

/** One property of `ContractVariables`, as its JSDoc documents it. */
export interface ContractVariableDoc {
  name: string;
  /** JSDoc text without tags, whitespace collapsed; empty when the property has no JSDoc. */
  description: string;
  documented: boolean;
  secret: boolean;
  /** `@authMethods`; empty means "not specific to an auth method". */
  authMethods: AuthMethod[];
  default?: string;
  /** `file:line` of the property. */
  location: string;
}

export interface Contract {
  file: string;
  variables: ContractVariableDoc[];
  /** Names listed in `SECRET_VARIABLES` (what `readSecretsForRedaction` reads). */
  secretVariables: string[];
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Reads `interface ContractVariables` and `SECRET_VARIABLES` from the contract file
 * (scripts-src/pm/variables.ts). Fails when `@secret` and SECRET_VARIABLES disagree or a tag is
 * malformed, naming file and line.
 */
export function readContract(contractFile: string, project = new Project({ skipAddingFilesFromTsConfig: true })): Contract {
  const source = project.addSourceFileAtPath(contractFile);
  const iface = source.getInterface('ContractVariables');
  if (!iface) {
    throw new GeneratorError('CONTRACT_MISMATCH', `${contractFile}: no \`interface ContractVariables\` found.`, contractFile);
  }
  const variables: ContractVariableDoc[] = [];
  for (const property of iface.getProperties()) {
    const location = `${contractFile}:${property.getStartLineNumber()}`;
    const docs = property.getJsDocs();
    let description = '';
    let secret = false;
    let authMethods: AuthMethod[] = [];
    let defaultValue: string | undefined;
    for (const doc of docs) {
      description = collapse(`${description} ${doc.getDescription()}`);
      for (const tag of doc.getTags()) {
        const text = collapse(tag.getCommentText() ?? '');
        switch (tag.getTagName()) {
          case 'secret':
            secret = true;
            break;
          case 'default':
            defaultValue = text;
            break;
          case 'authMethods': {
            const methods = text.split(/[\s,]+/).filter(Boolean);
            for (const method of methods) {
              if (!(AUTH_METHODS as readonly string[]).includes(method)) {
                throw new GeneratorError(
                  'CONTRACT_MISMATCH',
                  `${location}: @authMethods names "${method}"; the auth methods are ${AUTH_METHODS.join(', ')}.`,
                  location,
                );
              }
            }
            authMethods = AUTH_METHODS.filter((method) => methods.includes(method));
            break;
          }
          default:
            break;
        }
      }
    }
    const entry: ContractVariableDoc = {
      name: property.getName(),
      description,
      documented: description !== '',
      secret,
      authMethods,
      location,
    };
    if (defaultValue !== undefined) entry.default = defaultValue;
    variables.push(entry);
  }

  const secretVariables: string[] = [];
  const declaration = source.getVariableDeclaration('SECRET_VARIABLES');
  if (declaration) {
    for (const literal of declaration.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
      secretVariables.push(literal.getLiteralValue());
    }
  }
  const tagged = variables.filter((variable) => variable.secret).map((variable) => variable.name);
  const untagged = secretVariables.filter((name) => !tagged.includes(name));
  const unlisted = tagged.filter((name) => !secretVariables.includes(name));
  if (untagged.length > 0 || unlisted.length > 0) {
    const line = declaration ? `${contractFile}:${declaration.getStartLineNumber()}` : contractFile;
    throw new GeneratorError(
      'CONTRACT_MISMATCH',
      `${line}: SECRET_VARIABLES and the @secret tags disagree` +
        (untagged.length ? `; listed but not tagged @secret: ${untagged.join(', ')}` : '') +
        (unlisted.length ? `; tagged @secret but not listed: ${unlisted.join(', ')}` : '') +
        '.',
      line,
    );
  }
  return { file: contractFile, variables, secretVariables };
}

/** The text of a string literal (or a template without substitutions), seen through `as`/parentheses. */
export function literalText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (Node.isAsExpression(node) || Node.isParenthesizedExpression(node) || Node.isSatisfiesExpression(node) || Node.isNonNullExpression(node)) {
    return literalText(node.getExpression());
  }
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  return undefined;
}
