/**
 * `netsuite-postman start` — what `npm start` runs after the build — end to end: generate (into a
 * temporary directory, so the committed files are not touched), simulator on a free port, both
 * collections × three auth methods, summary, reports, exit code.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli, junitCounts, leaks, listFiles, ROOT, type CliResult } from './cliHelpers';

let dir: string;
let result: CliResult;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nsp-start-'));
  // `npm test` builds first; without the build the CLI exits 2 and these tests fail (never skip).
  result = await cli(['start', '--out', 'generated', '--reports-dir', 'reports'], { cwd: dir, timeout: 120_000 });
}, 130_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('start generates, runs 2 collections × 3 auth methods against the simulator and exits 0', () => {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const out = result.stdout;
  expect(out).toMatch(/^Generated \d+ files in generated\//m);
  expect(existsSync(path.join(dir, 'generated', 'collections', 'netsuite-rest.postman_collection.json'))).toBe(true);
  expect(out).toMatch(/^NetSuite simulator listening at http:\/\/127\.0\.0\.1:\d+\/1234567-sb1 /m);
  for (const collection of ['rest', 'restlets']) {
    for (const method of ['m2m', 'tba', 'authcode']) {
      expect(out).toContain(`▶ ${collection} (`);
      const row = new RegExp(`^${collection}\\s+${method}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\S+`, 'm').exec(out);
      expect(row, `${collection} ${method}`).not.toBeNull();
      const [, requests, assertions, failures, tokens] = row!.map(Number);
      expect(requests).toBeGreaterThanOrEqual(4);
      expect(assertions).toBeGreaterThanOrEqual(8);
      expect(failures).toBe(0);
      if (method === 'm2m') expect(tokens).toBe(1);
      if (method === 'tba') expect(tokens).toBe(0);
      if (method === 'authcode') expect(tokens).toBeGreaterThanOrEqual(1);
    }
  }
  expect(out).not.toMatch(/^FAIL /m);
  expect(out).toContain('PASSED: 6 runs, no failures.');
  expect(out).toMatch(/^Simulator stopped\. Total /m);
  expect(leaks(out, [])).toEqual([]);
});

it('start writes one JUnit XML and one HTML report per collection × auth method, without tokens or keys', () => {
  const reports = path.join(dir, 'reports');
  const expected = ['netsuite-rest', 'netsuite-restlets'].flatMap((stem) => ['authcode', 'm2m', 'tba'].flatMap((method) => [`${stem}-${method}.html`, `${stem}-${method}.xml`]));
  expect(listFiles(reports)).toEqual(expected.sort());
  for (const file of expected) {
    const text = readFileSync(path.join(reports, file), 'utf8');
    expect(leaks(text, []), file).toEqual([]);
    if (file.endsWith('.xml')) {
      const counts = junitCounts(path.join(reports, file));
      expect(counts.tests).toBe(counts.testcases);
      expect(counts.tests).toBeGreaterThanOrEqual(8);
      expect(counts.failures).toBe(0);
    }
  }
});
