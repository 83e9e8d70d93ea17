/**
 * Interleaves several long Newman runs request by request: every run ("lane") is started, runs
 * its untimed first items (the Auth folder, the warm-up requests) on its own, and is paused; then
 * the lanes take turns, exactly one active at a time, each turn one request, in an order shuffled
 * every cycle (seeded). Each lane is one Newman run — one sandbox context, warmed up once — as a
 * user's long run is, and every lane's requests are measured within milliseconds of the others',
 * so a change in the machine's speed (other tenants, the second core) hits all lanes alike
 * instead of whole runs.
 *
 * Pausing uses postman-runtime's own `run.pause()` / `run.resume()` (lib/runner/extensions/
 * control.command.js), called at an item's `item` event: the pause is an interrupt that takes
 * effect before the run's next instruction, i.e. before the next item's `beforeItem`. Newman does
 * not expose the run object, so the engine's `Runner.prototype.run` is wrapped while a lane starts.
 * Nothing of the pause/resume falls inside a timed item (beforeItem → item).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NewmanRunOptions } from 'newman';
import { type Engine, loadNewman } from '../../test/helpers/engines.ts';
import { failuresOf, type ItemTiming, recordTimings } from './newmanRun.ts';
import { seededRandom } from './stats.ts';

const require = createRequire(import.meta.url);

export interface LaneSpec {
  name: string;
  collection: object;
  environment: object;
  /** Items the lane runs on its own after it starts, before its first turn (Auth, warm-up, …). */
  untimedItems: number;
}

export interface LaneOutcome {
  name: string;
  /** Every item the lane ran, in order (untimed first items included). */
  items: ItemTiming[];
  /** Index in `items` of the first item run in a turn (= the untimed items). */
  firstTurnItem: number;
  /** The cycle of each item from `firstTurnItem` on. */
  turnCycles: number[];
  failures: string[];
  assertionErrors: string[];
}

/** The lane's timed items (those run in turns) grouped by block of `block` consecutive cycles. */
export function itemsByBlock(outcome: LaneOutcome, block: number, blocks: number): ItemTiming[][] {
  const grouped: ItemTiming[][] = Array.from({ length: blocks }, () => []);
  outcome.items.slice(outcome.firstTurnItem).forEach((item, i) => grouped[Math.floor(outcome.turnCycles[i]! / block)]?.push(item));
  return grouped;
}

/** Which lanes take a turn in `cycle` (all of them by default). */
export type Schedule = (cycle: number, lane: string) => boolean;

interface PostmanRun {
  pause(callback: (err?: Error) => void): void;
  resume(callback?: (err?: Error) => void): void;
}

interface Lane {
  spec: LaneSpec;
  outcome: LaneOutcome;
  run?: PostmanRun;
  /** Items still to run before the lane pauses again. */
  budget: number;
  /** The cycle of the current turn. */
  cycle: number;
  /** Called when the lane has paused (or finished). */
  parked?: () => void;
  finished: Promise<void>;
  done: boolean;
}

type RunFn = (this: unknown, collection: unknown, options: unknown, callback: (err: Error | null, run?: PostmanRun) => void) => unknown;

function runnerOf(engine: Engine): { prototype: { run: RunFn } } {
  loadNewman(engine);
  const newmanDir = path.dirname(require.resolve('newman/package.json'));
  // The app engine is the top-level postman-runtime (test/helpers/engines.ts swaps it in).
  const runtime = engine === 'newman' ? require.resolve('postman-runtime', { paths: [newmanDir] }) : require.resolve('postman-runtime');
  return require(runtime).Runner;
}

function startLane(engine: Engine, spec: LaneSpec): Promise<Lane> {
  if (spec.untimedItems < 1) throw new Error(`lane ${spec.name}: at least one untimed first item is needed (the lane pauses after it)`);
  const Runner = runnerOf(engine);
  const original = Runner.prototype.run;
  const outcome: LaneOutcome = { name: spec.name, items: [], firstTurnItem: spec.untimedItems, turnCycles: [], failures: [], assertionErrors: [] };
  return new Promise((resolve, reject) => {
    let finish!: () => void;
    const lane: Lane = { spec, outcome, budget: spec.untimedItems, cycle: -1, done: false, finished: new Promise((r) => (finish = r)) };
    lane.parked = () => resolve(lane);
    Runner.prototype.run = function (this: unknown, collection: unknown, options: unknown, callback: (err: Error | null, run?: PostmanRun) => void) {
      Runner.prototype.run = original;
      return original.call(this, collection, options, (err: Error | null, run?: PostmanRun) => {
        if (run) lane.run = run;
        callback(err, run);
      });
    };
    const emitter = loadNewman(engine).run({ collection: spec.collection, environment: spec.environment, reporters: [] } as NewmanRunOptions, (err, summary) => {
      Runner.prototype.run = original;
      lane.done = true;
      if (err) outcome.failures.push(`run: ${err.message}`);
      else outcome.failures.push(...failuresOf(summary as never));
      finish();
      const parked = lane.parked;
      lane.parked = undefined;
      if (parked) parked();
      if (err && !lane.run) reject(err);
    });
    recordTimings(
      emitter,
      (timing) => {
        if (outcome.items.push(timing) > outcome.firstTurnItem) outcome.turnCycles.push(lane.cycle);
        lane.budget--;
        if (lane.budget > 0 || !lane.run) return;
        const parked = lane.parked;
        lane.parked = undefined;
        lane.run.pause((pauseErr) => {
          if (pauseErr) outcome.failures.push(`pause: ${pauseErr.message}`);
          if (parked) parked();
        });
      },
      outcome.assertionErrors,
    );
  });
}

/** One turn: the lane runs one item and pauses again. */
function turn(lane: Lane, cycle: number): Promise<void> {
  if (lane.done) return Promise.resolve();
  return new Promise((resolve, reject) => {
    lane.cycle = cycle;
    lane.budget = 1;
    lane.parked = resolve;
    lane.run!.resume((err) => {
      if (err) reject(err);
    });
  });
}

/**
 * Starts every lane (one after the other, in the given order), then runs `cycles` cycles of turns
 * and lets every run finish. The lanes' collections must hold exactly the items the schedule
 * gives them, after their untimed items: a run with items left is resumed to its end (those items
 * count as turns of the last cycle).
 */
export async function interleave(engine: Engine, specs: LaneSpec[], cycles: number, options: { schedule?: Schedule; seed?: number; onCycle?: (cycle: number) => void } = {}): Promise<LaneOutcome[]> {
  const lanes: Lane[] = [];
  for (const spec of specs) lanes.push(await startLane(engine, spec));
  const random = seededRandom(options.seed ?? 13);
  const schedule = options.schedule ?? (() => true);
  for (let cycle = 0; cycle < cycles; cycle++) {
    const order = lanes.filter((lane) => schedule(cycle, lane.spec.name));
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const lane of order) await turn(lane, cycle);
    options.onCycle?.(cycle);
  }
  for (const lane of lanes) {
    while (!lane.done) await turn(lane, cycles - 1);
    await lane.finished;
  }
  return lanes.map((lane) => lane.outcome);
}
