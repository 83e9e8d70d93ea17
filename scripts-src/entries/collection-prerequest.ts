// Collection-level pre-request script: runs before every request of the collection. It carries the
// run's runtime (scripts-src/runtime.ts) deflated, compiles it once per run and calls it.
import runtime from 'runtime:../runtime';
import { runtimeFrom } from '../pm/runtimeCarrier';
import { runtimeMissing } from '../pm/runtimeMissing';

let prerequest: ((nowMs: number) => void) | undefined;
try {
  prerequest = runtimeFrom(runtime).prerequest;
} catch (error) {
  runtimeMissing(`could not load its runtime (${String(error instanceof Error ? error.message : error)})`);
}
if (prerequest) prerequest(Date.now());
