/**
 * A collection-level pre-request script that only installs the run's runtime (as the shipped
 * collection-prerequest.js does on a run's first request) without running it: for tests that send
 * requests past the pre-request guards and check what the test script makes of the answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateText, payloadOf } from '../../build/runtimeCarrier.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function runtimeInstallerScript(): string[] {
  const bundle = readFileSync(path.join(ROOT, 'dist/scripts/collection-prerequest.js'), 'utf8');
  const payload = payloadOf(bundle);
  if (!payload) throw new Error('dist/scripts/collection-prerequest.js carries no runtime payload: run npm run build');
  return [
    `if (typeof __netsuitePostmanRuntime === 'undefined' || !__netsuitePostmanRuntime) __netsuitePostmanRuntime = { key: ${JSON.stringify(payload.key)}, compiled: ${inflateText(payload)}() };`,
  ];
}
