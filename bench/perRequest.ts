/**
 * Benchmarks 1 and 2: per-request overhead. Per-request time is the wall time between Newman's
 * `beforeItem` and `item` events of each timed request (Auth and warm-up items excluded); medians
 * are taken over all timed requests; ratios are ratios of those medians. Two designs:
 * - `runInterleaved` (what `npm run bench` grades): every variant is one long Newman run, and the
 *   runs take turns request by request (bench/lib/interleave.ts), in sessions of fresh runs;
 * - `runPerRequest` (the design before it, kept for bench/noise.ts): each round runs every variant
 *   once as a short Newman run, in an order rotated from round to round.
 */
import type { Engine } from '../test/helpers/engines.ts';
import { verifyTba } from '../test/helpers/tbaVerify.ts';
import { benchEnvironment, type Keys, readGenerated, STATIC_TOKEN, TBA_SECRETS, timedItems, type Variant, VARIANT_NOTES, variantCollection } from './lib/collections.ts';
import { type EchoServer, startEchoServer } from './lib/echoServer.ts';
import { interleave, itemsByBlock } from './lib/interleave.ts';
import { timedRun } from './lib/newmanRun.ts';
import { log, max, median, min, nestedBootstrapSE, roundBootstrapSE, stdev } from './lib/stats.ts';

export const VARIANTS: Variant[] = ['script-free', 'baseline', 'baseline-twin', 'm2m', 'tba', 'authcode', 'jsrsasign-per-request', 'oauth1-builtin', 'oauth1-builtin-no-scripts'];

export interface VariantResult {
  variant: Variant;
  perRound: number;
  note: string;
  perRequestMs: number[];
  /** Every untimed warm-up request of every round (the first requests of each run). */
  warmUpMs: number[];
  /** beforePrerequest → prerequest of each timed request (all pre-request scripts, no auth helper). */
  prerequestMs: number[];
  /** Median per-request time of each round (interleaved design: each block), for the spread of per-round ratios. */
  roundMedians: number[];
  /** Every per-request time of each round (round i = roundTimes[i]), for the round bootstrap. */
  roundTimes: number[][];
  /** Sum of item times of the timed requests / count, per round (mean, includes outliers). */
  meanMs: number[];
  requests: number;
  problems: string[];
}

export interface PerRequestResult {
  engine: Engine;
  rounds: number;
  perRound: number;
  server: string;
  results: Record<Variant, VariantResult>;
  wallSeconds: number;
  /** Interleaved design: `roundTimes` holds this many consecutive blocks per session. */
  blocksPerSession?: number;
}

function authProblems(variant: Variant, server: EchoServer): string[] {
  const problems: string[] = [];
  const expectBearer = (token: string | undefined) => {
    for (const seen of server.seen) if (seen.authorization !== `Bearer ${token}`) problems.push(`${seen.method} ${seen.target}: Authorization "${seen.authorization.slice(0, 24)}…"`);
  };
  switch (variant) {
    case 'script-free':
    case 'baseline':
    case 'baseline-twin':
      expectBearer(STATIC_TOKEN);
      break;
    case 'jsrsasign-per-request':
      expectBearer(STATIC_TOKEN);
      for (const seen of server.seen) if ((seen.assertion ?? '').split('.').length !== 3) problems.push(`${seen.target}: no signed JWT`);
      break;
    case 'm2m':
    case 'authcode':
      if (server.tokenRequests.length !== 1) problems.push(`${server.tokenRequests.length} token requests, expected 1`);
      expectBearer(server.issued[server.issued.length - 1]);
      break;
    default:
      for (const seen of server.seen) {
        const result = verifyTba({ ...seen, origin: server.origin }, TBA_SECRETS);
        if (!result.valid || result.params.oauth_signature_method !== 'HMAC-SHA256' || result.params.realm !== '1234567_SB1') {
          problems.push(`${seen.method} ${seen.target}: TBA signature not valid`);
        }
      }
  }
  return problems.slice(0, 5);
}

/** The variants the targets grade, and the baseline they are graded against: these get every request of the plan. */
export const GRADED_SET: Variant[] = ['baseline', 'm2m', 'tba', 'authcode'];

export interface PerRequestPlan {
  rounds: number;
  /** Timed requests per round of each graded variant and of the baseline. */
  perRound: number;
  /** Which variants to run (default VARIANTS). */
  variants?: Variant[];
  /** Untimed requests at the start of every run, before the timed ones (warmUpOf). */
  warmUp: number;
}

/**
 * Untimed requests at the start of each run. Every Newman run starts a new sandbox context, whose
 * code (the engine's own and the scripts') runs cold and is warmed up again over the first
 * requests: a per-run cost, measured here as the warm-up median. In a run of 1,000 requests (issue
 * 13's measurement) it moves the median by nothing; in a run of 30 timed requests it would be half
 * the sample. Not for `jsrsasign-per-request`: its requests cost a signature each (hundreds of ms),
 * and warming it up would add seconds a round to a median no target grades.
 */
export function warmUpOf(v: Variant, plan: PerRequestPlan): number {
  return v === 'jsrsasign-per-request' ? 0 : plan.warmUp;
}

/**
 * Requests per round of a variant. The graded variants and the baseline get the whole plan. The
 * comparisons that nothing is graded on get less: `script-free` and the two built-in oauth1
 * variants a third (their medians are reported, not judged: 120 requests in a full run), and
 * `jsrsasign-per-request` about 12 in all, fewer in a --quick run (signing PS256 with RSA-3072 in jsrsasign costs hundreds of ms a request, so its median
 * is the signature's cost, not noise).
 */
export function requestsPerRound(v: Variant, plan: PerRequestPlan): number {
  if (GRADED_SET.includes(v)) return plan.perRound;
  if (v === 'jsrsasign-per-request') return Math.max(1, Math.ceil(Math.min(12, (plan.rounds * plan.perRound) / 30) / plan.rounds));
  return Math.max(3, Math.round(plan.perRound / 3));
}

export async function runPerRequest(engine: Engine, keys: Keys, plan: PerRequestPlan, onRound?: (round: number, rounds: number, line: string) => void): Promise<PerRequestResult> {
  const { rounds, perRound } = plan;
  const variants = plan.variants ?? VARIANTS;
  const started = Date.now();
  const server = await startEchoServer();
  const generated = readGenerated('netsuite-rest');
  const countOf = (v: Variant) => requestsPerRound(v, plan);
  const warmUpItems = (v: Variant) => timedItems(warmUpOf(v, plan)).map((item) => ({ ...item, name: item.name.replace(/^Timed/, 'Warm-up') }));
  const collections = Object.fromEntries(variants.map((v) => [v, variantCollection(v, generated, timedItems(countOf(v)), warmUpItems(v))])) as Record<Variant, object>;
  const envFor = (v: Variant) => benchEnvironment(server.origin, v === 'tba' || v.startsWith('oauth1') ? 'tba' : v === 'authcode' ? 'authcode' : 'm2m', keys.rsa3072);
  const results = Object.fromEntries(
    variants.map((v): [Variant, VariantResult] => [v, { variant: v, perRound: countOf(v), note: VARIANT_NOTES[v], perRequestMs: [], warmUpMs: [], prerequestMs: [], roundMedians: [], roundTimes: [], meanMs: [], requests: 0, problems: [] }]),
  ) as Record<Variant, VariantResult>;
  try {
    // One untimed warm-up run of every variant (module loading, JIT, connection setup).
    for (const v of variants) await timedRun(engine, variantCollection(v, generated, timedItems(Math.min(3, countOf(v)))), envFor(v));
    for (let round = 0; round < rounds; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
      if (round % 2 === 1) order.reverse();
      for (const v of order) {
        server.clear();
        const run = await timedRun(engine, collections[v], envFor(v));
        const timedOnly = run.items.filter((item) => item.folder === 'Timed');
        const result = results[v];
        result.warmUpMs.push(...run.items.filter((item) => item.folder === 'Warm-up').map((item) => item.itemMs));
        const times = timedOnly.map((item) => item.itemMs);
        result.perRequestMs.push(...times);
        result.prerequestMs.push(...timedOnly.map((item) => item.prerequestMs));
        result.roundMedians.push(median(times));
        result.roundTimes.push(times);
        result.meanMs.push(times.reduce((a, b) => a + b, 0) / times.length);
        result.requests += timedOnly.filter((item) => item.sent && item.code === 200).length;
        const problems = [...run.failures, ...run.assertionErrors, ...authProblems(v, server)];
        if (timedOnly.length !== countOf(v)) problems.push(`${timedOnly.length} timed items, expected ${countOf(v)}`);
        const sent = countOf(v) + warmUpOf(v, plan);
        if (server.seen.length !== sent) problems.push(`server saw ${server.seen.length} API requests, expected ${sent}`);
        if (problems.length) result.problems.push(...problems.slice(0, 5).map((p) => `round ${round + 1}: ${p}`));
      }
      const line = `  ${engine} round ${round + 1}/${rounds}: ${variants.map((v) => `${v} ${results[v].roundMedians[round]!.toFixed(2)}`).join(', ')} (ms, median per request)`;
      if (onRound) onRound(round, rounds, line);
      else log(line);
    }
  } finally {
    await server.close();
  }
  return { engine, rounds, perRound, server: 'bench/lib/echoServer.ts (in-process loopback echo server)', results, wallSeconds: (Date.now() - started) / 1000 };
}

export interface Ratio {
  ratio: number;
  roundMin: number;
  roundMax: number;
  /** Sample standard deviation of the per-round ratios. */
  roundSd: number;
  /** Bootstrap of the ratio of medians (bench/lib/stats.ts: roundBootstrapSE, or nestedBootstrapSE for sessions of blocks): how precisely this run pins it. */
  se: number;
}

export function ratioOf(result: PerRequestResult, a: Variant, b: Variant): Ratio {
  const ra = result.results[a];
  const rb = result.results[b];
  // Blocks where one of the two had no request (variants that take fewer turns) give no ratio.
  const perRound = ra.roundMedians.map((m, i) => m / rb.roundMedians[i]!).filter(Number.isFinite);
  return {
    ratio: median(ra.perRequestMs) / median(rb.perRequestMs),
    roundMin: min(perRound),
    roundMax: max(perRound),
    roundSd: stdev(perRound),
    se: result.blocksPerSession ? nestedBootstrapSE(ra.roundTimes, rb.roundTimes, result.blocksPerSession) : roundBootstrapSE(ra.roundTimes, rb.roundTimes),
  };
}

export interface InterleavedPlan {
  /** Sessions of fresh runs: each starts one Newman run per variant (a new sandbox context). */
  sessions: number;
  /** Cycles per session: in each, every variant scheduled for it sends one timed request. */
  cycles: number;
  /** Consecutive cycles per block: the unit the bootstrap resamples and per-block ratios use. */
  block: number;
  /** Untimed requests at the start of every run (warmUpOf), before its first turn. */
  warmUp: number;
  variants?: Variant[];
}

/**
 * Every how many cycles a variant takes a turn: the graded variants, the baseline and its twin
 * every cycle; `script-free` and the two built-in oauth1 variants every third (their medians are
 * reported, not judged); `jsrsasign-per-request` four times a session (its requests cost a PS256
 * signature each, hundreds of ms, so its median is the signature, not noise). Its turns come in a
 * long run, as in a user's: the pattern's requests grow slower as a run goes on (one run of 6, both
 * engines: 95–132 ms for the first three, 267–446 ms after), which runs of one request each hid.
 */
export function turnEvery(v: Variant, plan: Pick<InterleavedPlan, 'cycles'>): number {
  if (GRADED_SET.includes(v) || v === 'baseline-twin') return 1;
  if (v === 'jsrsasign-per-request') return Math.max(1, Math.ceil(plan.cycles / 4));
  return 3;
}

/** Cycles of a session in which `v` takes a turn. */
export function turnsOf(v: Variant, plan: Pick<InterleavedPlan, 'cycles'>): number {
  return Math.ceil(plan.cycles / turnEvery(v, plan));
}

/**
 * Benchmarks 1–2, interleaved request by request. In each session every variant starts as one
 * Newman run (in an order rotated by session) and runs its Auth folder and `warmUp` requests on
 * its own; then the runs take turns, one request each, in an order shuffled every cycle, until
 * every run has sent its timed requests. Each variant has its own loopback echo server (the same
 * code), so every request each one sent is checked after the session, outside the timed path.
 */
export async function runInterleaved(engine: Engine, keys: Keys, plan: InterleavedPlan, onProgress?: (done: number, total: number, line: string) => void): Promise<PerRequestResult> {
  const variants = plan.variants ?? VARIANTS;
  const started = Date.now();
  const generated = readGenerated('netsuite-rest');
  const warmUpCount = (v: Variant) => Math.max(1, warmUpOf(v, { ...plan, rounds: plan.sessions, perRound: plan.cycles }));
  const warmUpItems = (v: Variant) => timedItems(warmUpCount(v)).map((item) => ({ ...item, name: item.name.replace(/^Timed/, 'Warm-up') }));
  const authItems = (v: Variant) => (['m2m', 'tba', 'authcode'].includes(v) ? 1 : 0);
  const results = Object.fromEntries(
    variants.map((v): [Variant, VariantResult] => [v, { variant: v, perRound: turnsOf(v, plan), note: VARIANT_NOTES[v], perRequestMs: [], warmUpMs: [], prerequestMs: [], roundMedians: [], roundTimes: [], meanMs: [], requests: 0, problems: [] }]),
  ) as Record<Variant, VariantResult>;
  const blocksPerSession = Math.ceil(plan.cycles / plan.block);
  for (let session = 0; session < plan.sessions; session++) {
    const order = variants.map((_, i) => variants[(i + session) % variants.length]!);
    const servers = new Map<Variant, EchoServer>();
    try {
      for (const v of order) servers.set(v, await startEchoServer());
      const envFor = (v: Variant) => benchEnvironment(servers.get(v)!.origin, v === 'tba' || v.startsWith('oauth1') ? 'tba' : v === 'authcode' ? 'authcode' : 'm2m', keys.rsa3072);
      const lanes = order.map((v) => ({
        name: v,
        collection: variantCollection(v, generated, timedItems(turnsOf(v, plan)), warmUpItems(v)),
        environment: envFor(v),
        untimedItems: authItems(v) + warmUpCount(v),
      }));
      const outcomes = await interleave(engine, lanes, plan.cycles, {
        schedule: (cycle, v) => cycle % turnEvery(v as Variant, plan) === 0,
        seed: 13 + session,
        onCycle: (cycle) => {
          if ((cycle + 1) % plan.block !== 0 && cycle + 1 !== plan.cycles) return;
          const done = session * plan.cycles + cycle + 1;
          onProgress?.(done, plan.sessions * plan.cycles, `  ${engine} session ${session + 1}/${plan.sessions}, cycle ${cycle + 1}/${plan.cycles}`);
        },
      });
      for (const outcome of outcomes) {
        const v = outcome.name as Variant;
        const result = results[v];
        const server = servers.get(v)!;
        const timed = outcome.items.slice(outcome.firstTurnItem);
        result.warmUpMs.push(...outcome.items.filter((item) => item.folder === 'Warm-up').map((item) => item.itemMs));
        result.perRequestMs.push(...timed.map((item) => item.itemMs));
        result.prerequestMs.push(...timed.map((item) => item.prerequestMs));
        for (const inBlock of itemsByBlock(outcome, plan.block, blocksPerSession)) {
          const times = inBlock.map((item) => item.itemMs);
          result.roundTimes.push(times);
          result.roundMedians.push(times.length ? median(times) : Number.NaN);
          result.meanMs.push(times.length ? times.reduce((x, y) => x + y, 0) / times.length : Number.NaN);
        }
        result.requests += timed.filter((item) => item.sent && item.code === 200).length;
        const problems = [...outcome.failures, ...outcome.assertionErrors, ...authProblems(v, server)];
        if (timed.length !== turnsOf(v, plan)) problems.push(`${timed.length} timed items, expected ${turnsOf(v, plan)}`);
        if (timed.some((item) => item.folder !== 'Timed')) problems.push('an untimed item was timed (the lane paused at the wrong item)');
        const sent = turnsOf(v, plan) + warmUpCount(v);
        if (server.seen.length !== sent) problems.push(`server saw ${server.seen.length} API requests, expected ${sent}`);
        if (problems.length) result.problems.push(...problems.slice(0, 5).map((p) => `session ${session + 1}: ${p}`));
      }
    } finally {
      for (const server of servers.values()) await server.close();
    }
  }
  return { engine, rounds: plan.sessions * blocksPerSession, perRound: plan.cycles, server: 'bench/lib/echoServer.ts (in-process loopback echo server, one per variant)', results, wallSeconds: (Date.now() - started) / 1000, blocksPerSession };
}
