import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

export const EXAMPLES_FILE = fileURLToPath(new URL('./fixtures.json', import.meta.url));

let cached: ExampleFixtures | undefined;

/** The committed recording; empty when there is none yet. */
export function loadExamples(): ExampleFixtures {
  if (!cached) cached = existsSync(EXAMPLES_FILE) ? (JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as ExampleFixtures) : {};
  return cached;
}
