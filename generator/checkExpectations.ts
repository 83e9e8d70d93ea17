import type { Expectation } from '../scripts-src/core/expectations.ts';
import type { CollectionDef, RequestDef } from './definitions/types.ts';
import { GeneratorError } from './GeneratorError.ts';

/**
 * Every request must have an entry in EXPECTATIONS (requests with their own test script may have
 * none, or one marked `skip`), every entry must name a request, labels must read
 * "<folder> / <request>", and a request name may be shared only by the same request.
 */
export function checkExpectations(collections: readonly CollectionDef[], table: Readonly<Record<string, Expectation>>): void {
  const problems: string[] = [];
  const seen = new Map<string, { request: RequestDef; folder: string; slug: string }>();
  for (const collection of collections) {
    for (const folder of collection.folders) {
      for (const request of folder.items) {
        const earlier = seen.get(request.name);
        if (earlier && JSON.stringify(earlier.request) !== JSON.stringify(request)) {
          problems.push(
            `"${request.name}" names two different requests (${earlier.slug}/${earlier.folder} and ${collection.slug}/${folder.name}); request names are EXPECTATIONS keys and must be unique.`,
          );
        }
        seen.set(request.name, { request, folder: folder.name, slug: collection.slug });
        const expectation = table[request.name];
        const label = `${folder.name} / ${request.name}`;
        if (!expectation) {
          if (!request.test) problems.push(`${collection.slug}/${label} has no entry in EXPECTATIONS (scripts-src/core/expectations.ts).`);
          continue;
        }
        if (expectation.label !== label) problems.push(`EXPECTATIONS["${request.name}"].label is "${expectation.label}"; expected "${label}".`);
        if (request.test && !expectation.skip) {
          problems.push(`EXPECTATIONS["${request.name}"]: the request has its own test script; mark the entry \`skip: true\` or remove it.`);
        }
      }
    }
  }
  for (const name of Object.keys(table)) {
    if (!seen.has(name)) problems.push(`EXPECTATIONS["${name}"] names no request of the generated collections.`);
  }
  if (problems.length > 0) {
    const code = problems.some((problem) => problem.includes('has no entry'))
      ? 'MISSING_EXPECTATION'
      : problems.some((problem) => problem.includes('names no request'))
        ? 'STRAY_EXPECTATION'
        : 'BAD_EXPECTATION';
    throw new GeneratorError(code, problems.join('\n'), 'scripts-src/core/expectations.ts');
  }
}
