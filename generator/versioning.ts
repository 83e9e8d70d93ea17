import { canonicalJson } from './canonicalJson.ts';
import { variablesInDescription } from './describe.ts';
import { GeneratorError } from './GeneratorError.ts';

export type Bump = 'none' | 'patch' | 'minor' | 'major';

export interface VersionDecision {
  /** The committed version, when there is a committed collection. */
  previous?: string;
  next: string;
  /** `first` for a collection that has never been released. */
  bump: Bump | 'first';
  /** Human-readable reasons, e.g. `scripts changed: collection prerequest`. */
  reasons: string[];
}

export const FIRST_VERSION = '1.0.0';

type Json = Record<string, any>;

/** What versioning compares in one collection JSON. */
export interface CollectionFacts {
  /** `Folder/Request` paths. */
  requests: string[];
  /** Collection variable keys plus the variables its description lists. */
  variables: string[];
  /** The keys of the collection's `variable` array (what the engines copy into every script execution). */
  declared: string[];
  /** `path#listen` → script text. */
  scripts: Map<string, string>;
  /** path → description text. */
  descriptions: Map<string, string>;
  /** `Folder/Request` → the request without its description (method, URL, headers, body, auth, examples). */
  requestDetails: Map<string, string>;
}

function text(description: unknown): string {
  if (typeof description === 'string') return description;
  if (description && typeof description === 'object' && typeof (description as Json).content === 'string') {
    return (description as Json).content;
  }
  return '';
}

function eventsInto(scripts: Map<string, string>, path: string, events: unknown): void {
  if (!Array.isArray(events)) return;
  for (const event of events as Json[]) {
    const exec = event?.script?.exec;
    scripts.set(`${path}#${event.listen}`, Array.isArray(exec) ? exec.join('\n') : String(exec ?? ''));
  }
}

export function collectionFacts(collection: Json): CollectionFacts {
  const requests: string[] = [];
  const scripts = new Map<string, string>();
  const descriptions = new Map<string, string>();
  const requestDetails = new Map<string, string>();
  const variables = new Set<string>();
  const declared: string[] = [];
  const info = collection.info ?? {};
  descriptions.set('(collection)', text(info.description));
  for (const name of variablesInDescription(text(info.description))) variables.add(name);
  for (const variable of (collection.variable ?? []) as Json[]) {
    const key = String(variable.key ?? variable.id);
    variables.add(key);
    declared.push(key);
    descriptions.set(`(variable ${key})`, text(variable.description));
  }
  eventsInto(scripts, '(collection)', collection.event);
  const walk = (items: Json[], prefix: string) => {
    for (const item of items ?? []) {
      const path = prefix ? `${prefix}/${item.name}` : String(item.name);
      eventsInto(scripts, path, item.event);
      if (Array.isArray(item.item)) {
        descriptions.set(path, text(item.description));
        walk(item.item, path);
      } else {
        requests.push(path);
        descriptions.set(path, text(item.request?.description ?? item.description));
        const { description: _description, ...request } = (item.request ?? {}) as Json;
        requestDetails.set(path, canonicalJson({ request, response: item.response ?? [], settings: item.protocolProfileBehavior ?? {} }));
      }
    }
  };
  walk(collection.item as Json[], '');
  return { requests, variables: [...variables].sort(), declared: declared.sort(), scripts, descriptions, requestDetails };
}

interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(version: unknown, where: string): Semver {
  if (version && typeof version === 'object') {
    const { major, minor, patch } = version as Json;
    if ([major, minor, patch].every((part) => Number.isInteger(part) && part >= 0)) return { major, minor, patch };
  }
  if (typeof version === 'string') {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
    if (match) return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
  }
  throw new GeneratorError('BAD_COMMITTED_FILE', `${where}: info.version ${JSON.stringify(version)} is not a semver version (x.y.z).`, where);
}

function formatVersion(version: Semver): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

function bumped(version: Semver, bump: Bump): Semver {
  switch (bump) {
    case 'major':
      return { major: version.major + 1, minor: 0, patch: 0 };
    case 'minor':
      return { major: version.major, minor: version.minor + 1, patch: 0 };
    case 'patch':
      return { major: version.major, minor: version.minor, patch: version.patch + 1 };
    default:
      return version;
  }
}

function withoutVersion(collection: Json): Json {
  return { ...collection, info: { ...collection.info, version: '' } };
}

function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key));
}

function list(names: string[]): string {
  const shown = names.slice(0, 6).join(', ');
  return names.length > 6 ? `${shown} and ${names.length - 6} more` : shown;
}

/** A variable of the generated collection: the earlier variables it took over, whether it stopped being declared (definitions' `replaces`, `undeclared`). */
export interface VariableReplacement {
  key: string;
  replaces?: { variables: readonly string[]; because: string };
  undeclared?: { because: string };
}

/**
 * The version of a freshly generated collection, comparing it with the committed one: unchanged →
 * same version; changed scripts, descriptions or request details → patch; added requests or
 * variables → minor; removed or renamed requests or variables, or variables no longer declared
 * (imports drop what users typed into them) → major.
 */
export function decideVersion(
  committed: Json | undefined,
  generated: Json,
  where = 'collection',
  replacements: readonly VariableReplacement[] = [],
): VersionDecision {
  if (!committed) return { next: FIRST_VERSION, bump: 'first', reasons: ['first release'] };
  const previousSemver = parseVersion(committed.info?.version, where);
  const previous = formatVersion(previousSemver);
  if (canonicalJson(withoutVersion(committed)) === canonicalJson(withoutVersion(generated))) {
    return { previous, next: previous, bump: 'none', reasons: ['unchanged'] };
  }
  const before = collectionFacts(committed);
  const after = collectionFacts(generated);
  const removedRequests = before.requests.filter((path) => !after.requests.includes(path));
  const addedRequests = after.requests.filter((path) => !before.requests.includes(path));
  let removedVariables = before.variables.filter((name) => !after.variables.includes(name));
  const merged: string[] = [];
  for (const { key, replaces } of replacements) {
    if (!replaces || !after.variables.includes(key)) continue;
    const taken = removedVariables.filter((name) => replaces.variables.includes(name));
    if (taken.length === 0) continue;
    // Named in full: users look here for where each variable went.
    merged.push(`variables merged into ${key}: ${taken.join(', ')} (why: ${replaces.because})`);
    removedVariables = removedVariables.filter((name) => !taken.includes(name));
  }
  const addedVariables = after.variables.filter((name) => !before.variables.includes(name));
  const reasons: string[] = [];
  let bump: Bump = 'patch';
  if (removedRequests.length) reasons.push(`removed or renamed requests: ${list(removedRequests)}`);
  reasons.push(...merged);
  if (removedVariables.length) reasons.push(`removed or renamed variables: ${list(removedVariables)}`);
  // Still documented, no longer in the collection's `variable` array: named in full with the reason.
  const undeclared = before.declared.filter((key) => !after.declared.includes(key) && after.variables.includes(key));
  const because = [...new Set(undeclared.map((key) => replacements.find((r) => r.key === key)?.undeclared?.because).filter(Boolean))];
  if (undeclared.length) reasons.push(`variables no longer declared (created when first set): ${undeclared.join(', ')}${because.length ? ` (why: ${because.join('; ')})` : ''}`);
  if (reasons.length) bump = 'major';
  if (addedRequests.length) reasons.push(`added requests: ${list(addedRequests)}`);
  if (addedVariables.length) reasons.push(`added variables: ${list(addedVariables)}`);
  if (bump !== 'major' && (addedRequests.length || addedVariables.length)) bump = 'minor';
  const scripts = changedKeys(before.scripts, after.scripts).filter((key) => after.scripts.has(key) && before.scripts.has(key));
  if (scripts.length) reasons.push(`scripts changed: ${list(scripts)}`);
  const descriptions = changedKeys(before.descriptions, after.descriptions).filter(
    (key) => after.descriptions.has(key) && before.descriptions.has(key),
  );
  if (descriptions.length) reasons.push(`descriptions changed: ${list(descriptions)}`);
  const details = changedKeys(before.requestDetails, after.requestDetails).filter(
    (key) => after.requestDetails.has(key) && before.requestDetails.has(key),
  );
  if (details.length) reasons.push(`requests changed: ${list(details)}`);
  if (reasons.length === 0) reasons.push('collection settings changed');
  return { previous, next: formatVersion(bumped(previousSemver, bump)), bump, reasons };
}

/** The progress wording, e.g. `patch: scripts changed`. */
export function summary(decision: VersionDecision): string {
  if (decision.bump === 'first') return 'first release';
  if (decision.bump === 'none') return 'unchanged';
  const short = decision.reasons.map((reason) => reason.replace(/:.*$/, ''));
  return `${decision.bump}: ${short.join('; ')}`;
}
