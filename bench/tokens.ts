/**
 * Benchmark 3: tokens per run. The generated REST collection's collection-level scripts and its
 * "Auth / Mint M2M token" item, followed by N copies of its "Records / List customers" request,
 * run against the in-process simulator with auth_method=m2m. The simulator counts mints
 * (stats().tokensMinted.client_credentials) and every rejected request.
 */
import type { Engine } from '../test/helpers/engines.ts';
import { startSimulator } from '../simulator/startSimulator.ts';
import { findItem, readGenerated } from './lib/collections.ts';
import { timedRun } from './lib/newmanRun.ts';
import { log, max, median } from './lib/stats.ts';

export interface TokenRunResult {
  engine: Engine;
  label: string;
  requests: number;
  tokenLifetimeSeconds: number;
  refreshBufferSeconds: number;
  runSeconds: number;
  mints: number;
  /** Mints expected: the first, then one per (lifetime - buffer) seconds of run time. */
  expectedMints: string;
  /** Long lifetime: exactly one mint; short: within the plausible range for the run time. And no failure, no rejection. */
  asExpected: boolean;
  ok: number;
  newmanFailures: number;
  simulatorRejections: Record<string, number>;
  medianRequestMs: number;
  /** The slowest request: where a re-mint happened inside the every-request path. */
  maxRequestMs: number;
  firstProblems: string[];
}

export async function runTokens(engine: Engine, requests: number, lifetime: number, buffer: number, label: string): Promise<TokenRunResult> {
  const sim = await startSimulator({ tokenLifetimeSeconds: lifetime });
  try {
    const generated = readGenerated('netsuite-rest');
    const list = findItem(generated, 'List customers');
    const collection = {
      info: { name: `bench tokens ${label}`, schema: generated.info.schema },
      auth: generated.auth,
      protocolProfileBehavior: generated.protocolProfileBehavior,
      variable: generated.variable,
      event: generated.event,
      item: [
        { name: 'Auth', item: [findItem(generated, 'Mint M2M token')] },
        { name: 'Timed', item: Array.from({ length: requests }, (_, i) => ({ ...structuredClone(list), name: `List customers ${i + 1}` })) },
      ],
    };
    const environment = structuredClone(sim.environment);
    const set = (key: string, value: string) => {
      const entry = environment.values.find((v) => v.key === key);
      if (entry) entry.value = value;
      else environment.values.push({ key, value, type: 'default', enabled: true });
    };
    set('auth_method', 'm2m');
    set('token_refresh_buffer_seconds', String(buffer));
    const started = Date.now();
    const run = await timedRun(engine, collection, environment);
    const runSeconds = (Date.now() - started) / 1000;
    const stats = sim.stats();
    const timed = run.items.filter((i) => i.folder === 'Timed');
    const window = lifetime - buffer;
    const low = 1 + Math.floor(runSeconds / lifetime);
    const high = 1 + Math.ceil(runSeconds / Math.max(1, window - 1));
    const result: TokenRunResult = {
      engine,
      label,
      requests,
      tokenLifetimeSeconds: lifetime,
      refreshBufferSeconds: buffer,
      runSeconds,
      mints: stats.tokensMinted.client_credentials,
      expectedMints: lifetime >= 600 ? 'exactly 1' : `about ${(1 + runSeconds / window).toFixed(1)} (1 + run time / (lifetime − buffer)); plausible ${low}–${high}`,
      asExpected: false,
      ok: timed.filter((i) => i.sent && i.code === 200).length,
      newmanFailures: run.failures.length + run.assertionErrors.length,
      simulatorRejections: stats.rejections,
      medianRequestMs: median(timed.map((i) => i.itemMs)),
      maxRequestMs: max(timed.map((i) => i.itemMs)),
      firstProblems: [...run.failures, ...run.assertionErrors].slice(0, 5),
    };
    const mintsOk = lifetime >= 600 ? result.mints === 1 : result.mints >= low && result.mints <= high;
    result.asExpected = mintsOk && result.ok === requests && result.newmanFailures === 0 && Object.keys(stats.rejections).length === 0;
    log(`  ${engine} ${label}: ${result.mints} mint(s) in ${runSeconds.toFixed(1)} s, ${result.ok}/${requests} answered 200, ${result.newmanFailures} Newman failures, rejections ${JSON.stringify(stats.rejections)}${result.asExpected ? '' : ' — NOT as expected'}`);
    return result;
  } finally {
    await sim.stop();
  }
}
