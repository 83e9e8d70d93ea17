import type { VersionDecision } from './versioning.ts';

export const CHANGELOG_FILE = 'collections/CHANGELOG.md';

const HEADER = [
  '# Collections changelog',
  '',
  'Written by `netsuite-postman generate`; do not edit by hand. One entry per release of a',
  'collection, newest first. Versions follow semver: a patch changes scripts or descriptions, a',
  'minor adds requests or variables, a major removes or renames them (or stops declaring a variable).',
  '',
].join('\n');

export interface Release {
  slug: string;
  decision: VersionDecision;
}

/** The changelog with an entry for each release that changed a version, newest on top. */
export function updateChangelog(existing: string | undefined, releases: readonly Release[]): string {
  let entries = '';
  if (existing) {
    const start = existing.indexOf('\n## ');
    entries = start === -1 ? '' : existing.slice(start + 1);
  }
  const fresh = releases
    .filter((release) => release.decision.bump !== 'none')
    .map((release) => {
      const from = release.decision.previous ? ` (from ${release.decision.previous}, ${release.decision.bump})` : '';
      return [`## ${release.slug} ${release.decision.next}${from}`, '', ...release.decision.reasons.map((reason) => `- ${reason}`), ''].join('\n');
    });
  const body = [...fresh, entries].filter((part) => part !== '').join('\n');
  return `${HEADER}${body ? `\n${body.replace(/\n*$/, '\n')}` : ''}`;
}
