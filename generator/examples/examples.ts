import { fileURLToPath } from 'node:url';
// Imported, not read at run time: the compiled CLI (dist/lib) carries the recording inlined.
import recorded from './fixtures.json' with { type: 'json' };

/** One saved response example of a request, as recorded against the simulator (recordExamples.ts). */
export interface SavedExample {
  name: string;
  code: number;
  status: string;
  header: Array<{ key: string; value: string }>;
  body: string;
  /** What the collection's test script said about this answer (refusals only). */
  diagnosis?: string;
}

/** `<collection slug>/<folder>/<request>` → its examples. */
export type ExampleFixtures = Record<string, SavedExample[]>;

/** Where recordExamples.ts writes the recording (in the source tree). */
export const EXAMPLES_FILE = fileURLToPath(new URL('./fixtures.json', import.meta.url));

/** The committed recording (generator/examples/fixtures.json). */
export function loadExamples(): ExampleFixtures {
  return recorded as ExampleFixtures;
}
