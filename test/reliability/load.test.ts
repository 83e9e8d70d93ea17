/**
 * Load: 2,000 API requests in one Newman run (4 iterations × 500: m2m, tba, authcode, m2m on the
 * cached token) against the simulator, Newman in a child process (test/reliability/loadRun.ts) so
 * its memory is measured alone. No failure, one mint per OAuth 2.0 method (3600 s lifetime), and
 * the child's RSS stays flat. The report line is printed for docs/reliability.md.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import type { LoadReport } from './loadRun';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PEAK_RSS_LIMIT_MB = 600;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

function runChild(input: object): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('test', 'reliability', 'loadRun.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`loadRun exited with ${code}: ${stderr.slice(-2000)}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as LoadReport);
      } catch {
        reject(new Error(`loadRun printed no report: ${stdout.slice(-1000)} ${stderr.slice(-1000)}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

describe('load', () => {
  it('2,000 requests (4 × 500: m2m, tba, authcode, m2m cached) in a child Newman: no failure, one mint per OAuth method, RSS flat', async () => {
    sim.reset();
    const report = await runChild({ environment: sim.environment, engine: process.env.NSP_LOAD_ENGINE === 'app' ? 'app' : 'newman' });
    const stats = sim.stats();
    const line = {
      engine: report.engine,
      seconds: Math.round(report.durationMs / 100) / 10,
      apiRequests: report.apiRequests,
      tokenRequests: report.tokenRequests,
      failures: report.failures.length,
      minted: stats.tokensMinted,
      simulator: stats.requests,
      maxRssMB: report.maxRssMB,
      rssAtQuarters: report.rssAtQuarters,
      heapAfterGcAtQuarters: report.heapAfterGcAtQuarters,
      rssEvery5s: report.samples.filter((s, i) => i % 5 === 0 || i === report.samples.length - 1).map((s) => `${s.seconds}s:${s.requests}:${s.rssMB}`),
    };
    console.log(`load report ${JSON.stringify(line)}`);
    expect(report.failures.slice(0, 5)).toEqual([]);
    expect(report.apiRequests).toBe(2000);
    expect(stats.requests.accepted).toBe(2000 + stats.tokensMinted.total);
    expect(stats.rejections).toEqual({});
    expect(stats.tokensMinted.client_credentials).toBe(1);
    expect(stats.tokensMinted.refresh_token).toBe(1);
    expect(stats.tokensMinted.total).toBe(2);
    expect(report.maxRssMB).toBeLessThan(PEAK_RSS_LIMIT_MB);
    expect(report.rssAtQuarters).toHaveLength(4);
    const [q1, , , q4] = report.rssAtQuarters as [number, number, number, number];
    expect(q4, `RSS at 25% ${q1} MB, at 100% ${q4} MB`).toBeLessThanOrEqual(q1 * 1.5);
  }, 300_000);
});
