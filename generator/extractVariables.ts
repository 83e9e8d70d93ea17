import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Node, Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { type Contract, readContract, literalText } from './contract.ts';
import { GeneratorError } from './GeneratorError.ts';

/** Accessors of scripts-src/pm/variables.ts whose calls count as variable reads. */
const NAMED_ACCESSORS = new Set(['readVariable', 'requireVariable']);
const SECRETS_ACCESSOR = 'readSecretsForRedaction';

export interface VariableRead {
  name: string;
  /** `file:line` of the call (relative to `root` when given). */
  location: string;
}

export interface ScriptMetadata {
  contract: Contract;
  /** Entry name (e.g. `collection-prerequest`) → sorted variable names its bundle reads. */
  reads: Map<string, string[]>;
  /** Non-fatal findings (e.g. an entry file that does not exist yet). */
  warnings: string[];
}

export interface ExtractOptions {
  /** Directory of the entry files (scripts-src/entries). */
  entriesDir: string;
  /** The contract file (scripts-src/pm/variables.ts). */
  contractFile: string;
  /** Entry names, without extension. */
  entries: string[];
  /** Locations in messages are relative to this directory (default: the working directory). */
  root?: string;
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, base.replace(/\.(m?js)$/, '.ts'), `${base}/index.ts`];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile() && candidate.endsWith('.ts'));
}

/**
 * Lists, for each entry, the contract variables its bundle reads: every `readVariable(source,
 * '<name>')`, `requireVariable(source, '<name>', …)` and `readSecretsForRedaction(source)` in the
 * entry and the files it imports relatively. Fails (file:line) on a name that is not a string
 * literal, is not a contract variable, or whose property has no JSDoc.
 */
export function extractScriptMetadata(options: ExtractOptions): ScriptMetadata {
  const root = options.root ?? process.cwd();
  const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
  const contractFile = resolve(options.contractFile);
  const contract = readContract(contractFile, project);
  const byName = new Map(contract.variables.map((variable) => [variable.name, variable]));
  const where = (file: string, line: number) => `${relative(root, file) || file}:${line}`;

  const problems: GeneratorError[] = [];
  const fileReads = new Map<string, VariableRead[]>();

  function readsOf(source: SourceFile): VariableRead[] {
    const file = source.getFilePath();
    const cached = fileReads.get(file);
    if (cached) return cached;
    const reads: VariableRead[] = [];
    fileReads.set(file, reads);
    if (resolve(file) === contractFile) return reads;

    const aliases = new Map<string, string>();
    for (const declaration of source.getImportDeclarations()) {
      for (const named of declaration.getNamedImports()) {
        const imported = named.getName();
        const local = named.getAliasNode()?.getText() ?? imported;
        aliases.set(local, imported);
      }
    }

    for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      let name: string | undefined;
      if (Node.isIdentifier(callee)) name = aliases.get(callee.getText()) ?? callee.getText();
      else if (Node.isPropertyAccessExpression(callee)) name = callee.getName();
      if (!name) continue;
      const location = where(file, call.getStartLineNumber());
      if (name === SECRETS_ACCESSOR) {
        for (const secret of contract.secretVariables) reads.push({ name: secret, location });
        continue;
      }
      if (!NAMED_ACCESSORS.has(name)) continue;
      const argument = call.getArguments()[1];
      const variable = literalText(argument);
      if (variable === undefined) {
        problems.push(
          new GeneratorError(
            'NON_LITERAL_VARIABLE',
            `${location}: ${name}() must name its variable with a string literal (got \`${argument?.getText() ?? 'nothing'}\`), so the generator can document it.`,
            location,
          ),
        );
        continue;
      }
      const doc = byName.get(variable);
      if (!doc) {
        problems.push(
          new GeneratorError(
            'UNKNOWN_VARIABLE',
            `${location}: ${name}() reads "${variable}", which is not a property of ContractVariables in ${where(contractFile, 1).replace(/:1$/, '')}.`,
            location,
          ),
        );
        continue;
      }
      if (!doc.documented) {
        const propertyLocation = where(contractFile, Number(doc.location.slice(doc.location.lastIndexOf(':') + 1)));
        problems.push(
          new GeneratorError(
            'UNDOCUMENTED_VARIABLE',
            `${location}: reads the variable "${variable}", which has no JSDoc at ${propertyLocation}; document it (what it is, @secret, @authMethods, @default).`,
            location,
          ),
        );
        continue;
      }
      reads.push({ name: variable, location });
    }

    return reads;
  }

  /** Reads of `source` and of every file it imports relatively (each file once). */
  function closure(source: SourceFile, seen = new Set<string>()): VariableRead[] {
    const file = source.getFilePath();
    if (seen.has(file)) return [];
    seen.add(file);
    const all = [...readsOf(source)];
    const specifiers = [
      ...source.getImportDeclarations().map((declaration) => declaration.getModuleSpecifierValue()),
      ...source.getExportDeclarations().map((declaration) => declaration.getModuleSpecifierValue()),
    ]
      // `runtime:../runtime` (build/runtimeCarrier.mjs) carries that module's code: follow it too.
      .map((specifier) => (typeof specifier === 'string' ? specifier.replace(/^runtime:/, '') : specifier))
      .filter((specifier): specifier is string => typeof specifier === 'string' && specifier.startsWith('.'));
    for (const specifier of specifiers) {
      const target = resolveImport(file, specifier);
      if (!target) continue;
      all.push(...closure(project.getSourceFile(target) ?? project.addSourceFileAtPath(target), seen));
    }
    return all;
  }

  const reads = new Map<string, string[]>();
  const warnings: string[] = [];
  for (const entry of options.entries) {
    const entryFile = resolve(options.entriesDir, `${entry}.ts`);
    if (!existsSync(entryFile)) {
      warnings.push(`${relative(root, entryFile)} does not exist yet: its bundle is documented as reading no variables.`);
      reads.set(entry, []);
      continue;
    }
    const source = project.getSourceFile(entryFile) ?? project.addSourceFileAtPath(entryFile);
    const names = new Set(closure(source).map((read) => read.name));
    reads.set(entry, [...names].sort());
  }

  if (problems.length > 0) {
    const unique = [...new Map(problems.map((problem) => [problem.message, problem])).values()];
    const first = unique[0]!;
    throw new GeneratorError(first.code, unique.map((problem) => problem.message).join('\n'), first.location);
  }
  return { contract, reads, warnings };
}
