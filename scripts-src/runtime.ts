// The run's runtime: everything the two collection-level hooks do, bundled on its own and carried
// deflated in collection-prerequest.js (build/runtimeCarrier.mjs). Compiled once per run
// (scripts-src/pm/runtimeCarrier.ts); each hook then only calls it.
export { collectionPrerequest as prerequest } from './pm/collectionPrerequest';
export { collectionTest as test } from './pm/collectionTest';
