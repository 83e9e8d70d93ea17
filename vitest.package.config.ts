import { defineConfig } from 'vitest/config';

// The slow package suite (`npm run test:package`, run by CI after `npm test`): packs the project,
// installs the tarball with --omit=dev into an empty project and uses it there.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
