/**
 * Noise experiment for the per-request section (issue 13): how precisely does each benchmark
 * design pin the graded ratios on this shared machine? Runs, in each engine and repetition, both
 * designs one after the other (order alternated), with the baseline, a twin of it (A/A: its true
 * ratio is 1) and the graded variants:
 * - `runs`: each variant a short Newman run (15 warm-up + 30 timed requests), 12 rounds, the runs
 *   interleaved whole (bench/perRequest.ts runPerRequest; what `npm run bench` graded before);
 * - `requests`: each variant one long Newman run per session, 4 sessions × 125 cycles, the runs
 *   interleaved request by request (runInterleaved; what `npm run bench` grades now).
 * For each it prints, per variant: the ratio to the baseline, the bootstrap standard error of the
 * ratio within the run (rounds or blocks resampled), the twin's distance from 1, and across
 * repetitions the spread of each ratio; and the wall time.
 *
 *   node --import tsx bench/noise.ts [repetitions=2] [engine…]
 *
 * Its output, with the date and the load, is recorded in bench/NOISE.md.
 */
import type { Engine } from '../test/helpers/engines.ts';
import { makeKeys, type Variant } from './lib/collections.ts';
import { log, mean, stdev } from './lib/stats.ts';
import { GRADED_SET, type PerRequestResult, ratioOf, runInterleaved, runPerRequest } from './perRequest.ts';

process.setSourceMapsEnabled(false);
const args = process.argv.slice(2);
const repetitions = Number(args.find((a) => /^\d+$/.test(a)) ?? 2);
const chosen = args.filter((a): a is Engine => a === 'newman' || a === 'app');
const engines: Engine[] = chosen.length ? chosen : ['newman', 'app'];
const variants: Variant[] = [...GRADED_SET, 'baseline-twin'];
const compared: Variant[] = ['baseline-twin', 'm2m', 'tba', 'authcode'];
const designs = {
  runs: (engine: Engine, keys: ReturnType<typeof makeKeys>) => runPerRequest(engine, keys, { rounds: 12, perRound: 30, warmUp: 15, variants }, () => {}),
  requests: (engine: Engine, keys: ReturnType<typeof makeKeys>) => runInterleaved(engine, keys, { sessions: 4, cycles: 125, block: 25, warmUp: 15, variants }),
} as const;
type Design = keyof typeof designs;

const keys = makeKeys();
const runs: Array<{ engine: Engine; design: Design; rep: number; result: PerRequestResult }> = [];
for (const engine of engines) {
  for (let rep = 0; rep < repetitions; rep++) {
    const order: Design[] = rep % 2 ? ['requests', 'runs'] : ['runs', 'requests'];
    for (const design of order) {
      const result = await designs[design](engine, keys);
      runs.push({ engine, design, rep, result });
      log(`${engine} rep ${rep + 1} ${design}: ${result.wallSeconds.toFixed(0)} s; ` + compared.map((v) => { const r = ratioOf(result, v, 'baseline'); return `${v} ${r.ratio.toFixed(3)} ±${r.se.toFixed(3)}`; }).join(', '));
    }
  }
}
console.log('\n| engine | design | wall s (mean) | variant | ratio (each repetition) | sd of ratio across repetitions | bootstrap SE (mean) |');
console.log('|---|---|---|---|---|---|---|');
for (const engine of engines) {
  for (const design of Object.keys(designs) as Design[]) {
    const mine = runs.filter((r) => r.engine === engine && r.design === design);
    for (const v of compared) {
      const rs = mine.map((r) => ratioOf(r.result, v, 'baseline'));
      console.log(`| ${engine} | ${design} | ${mean(mine.map((r) => r.result.wallSeconds)).toFixed(0)} | ${v} | ${rs.map((r) => r.ratio.toFixed(3)).join(', ')} | ${stdev(rs.map((r) => r.ratio)).toFixed(3)} | ${mean(rs.map((r) => r.se)).toFixed(3)} |`);
    }
  }
}
