/**
 * Noise experiment for the per-request section (issue 13): does alternating the variants more
 * finely (more rounds, fewer requests per round, the same total per variant) make the graded
 * ratios steadier on this shared machine? Runs the graded variants and the baseline only, in each
 * engine, once per plan and repetition, plans alternated (A B C A B C …) so drift hits all alike.
 * For each plan it prints, per graded variant: the ratio to the baseline, the spread of the
 * per-round ratios (sd, range), the round-bootstrap standard error of the ratio (how precisely one
 * run pins it), and across repetitions the spread of the ratio itself; and the wall time.
 *
 *   node --import tsx bench/noise.ts [repetitions=2] [engine…]
 *
 * Measured 2026-12-03 11:10–11:20 UTC (2 repetitions, load average 1.1–2.5 on 2 shared cores),
 * mean over m2m, tba, authcode; "SE" = round-bootstrap standard error of the ratio within a run,
 * "across reps" = standard deviation of the ratio between the two repetitions:
 *
 * | engine | plan    | wall  | per-round ratio sd | SE    | across reps |
 * |--------|---------|-------|--------------------|-------|-------------|
 * | newman | 6 × 60  | 40 s  | 0.302              | 0.122 | 0.076       |
 * | newman | 12 × 30 | 39 s  | 0.204              | 0.054 | 0.073       |
 * | newman | 24 × 15 | 52 s  | 0.240              | 0.055 | 0.064       |
 * | app    | 6 × 60  | 44 s  | 0.153              | 0.063 | 0.119       |
 * | app    | 12 × 30 | 47 s  | 0.163              | 0.049 | 0.053       |
 * | app    | 24 × 15 | 57 s  | 0.237              | 0.052 | 0.027       |
 *
 * bench/run.ts uses 12 × 30 since: same total, same wall time, SE down 56% (newman) / 22% (app).
 */
import type { Engine } from '../test/helpers/engines.ts';
import { makeKeys, type Variant } from './lib/collections.ts';
import { log, mean, stdev } from './lib/stats.ts';
import { GRADED_SET, type PerRequestPlan, type PerRequestResult, ratioOf, runPerRequest } from './perRequest.ts';

const args = process.argv.slice(2);
const repetitions = Number(args.find((a) => /^\d+$/.test(a)) ?? 2);
const engines = (args.filter((a) => a === 'newman' || a === 'app') as Engine[]).length ? (args.filter((a) => a === 'newman' || a === 'app') as Engine[]) : (['newman', 'app'] as Engine[]);
const plans: Array<PerRequestPlan & { label: string }> = [
  { label: '6 × 60', rounds: 6, perRound: 60, variants: GRADED_SET, warmUp: 15 },
  { label: '12 × 30', rounds: 12, perRound: 30, variants: GRADED_SET, warmUp: 15 },
  { label: '24 × 15', rounds: 24, perRound: 15, variants: GRADED_SET, warmUp: 15 },
];
const graded: Variant[] = ['m2m', 'tba', 'authcode'];
const keys = makeKeys();
const runs: Array<{ engine: Engine; plan: string; rep: number; result: PerRequestResult }> = [];
for (const engine of engines) {
  for (let rep = 0; rep < repetitions; rep++) {
    const order = rep % 2 ? [...plans].reverse() : plans;
    for (const plan of order) {
      const result = await runPerRequest(engine, keys, plan, () => {});
      runs.push({ engine, plan: plan.label, rep, result });
      log(`${engine} rep ${rep + 1} ${plan.label}: ${result.wallSeconds.toFixed(0)} s; ` + graded.map((v) => { const r = ratioOf(result, v, 'baseline'); return `${v} ${r.ratio.toFixed(3)} (round sd ${r.roundSd.toFixed(3)}, se ${r.se.toFixed(3)})`; }).join(', '));
    }
  }
}
console.log('\n| engine | plan | wall s (mean) | variant | ratios (each rep) | sd of ratio across reps | per-round ratio sd (mean) | per-round range (widest) | bootstrap SE (mean) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const engine of engines) {
  for (const plan of plans) {
    const mine = runs.filter((r) => r.engine === engine && r.plan === plan.label);
    for (const v of graded) {
      const rs = mine.map((r) => ratioOf(r.result, v, 'baseline'));
      console.log(`| ${engine} | ${plan.label} | ${mean(mine.map((r) => r.result.wallSeconds)).toFixed(0)} | ${v} | ${rs.map((r) => r.ratio.toFixed(3)).join(', ')} | ${stdev(rs.map((r) => r.ratio)).toFixed(3)} | ${mean(rs.map((r) => r.roundSd)).toFixed(3)} | ${Math.min(...rs.map((r) => r.roundMin)).toFixed(2)}–${Math.max(...rs.map((r) => r.roundMax)).toFixed(2)} | ${mean(rs.map((r) => r.se)).toFixed(3)} |`);
    }
  }
}
