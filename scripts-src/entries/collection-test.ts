// Collection-level test script: runs after every response of the collection, with the runtime the
// collection pre-request script installed for this run (scripts-src/pm/runtimeCarrier.ts).
import { installedRuntime } from '../pm/installedRuntime';
import { runtimeMissing } from '../pm/runtimeMissing';

const runtime = installedRuntime();
if (runtime) runtime.test(Date.now());
else runtimeMissing('found no runtime: the collection pre-request script did not run before this test script');
