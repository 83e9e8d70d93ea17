/**
 * Runs one collection through Newman (either engine, via test/helpers/engines.ts) and records,
 * for every item, the wall time between Newman's `beforeItem` and `item` events (pre-request
 * scripts, auth helper, the HTTP exchange and test scripts of that item) and between
 * `beforePrerequest` and `prerequest` (all pre-request scripts of the item: collection level, then
 * the item's own) and between `beforeTest` and `test` (all test scripts of the item), measured with
 * process.hrtime in the same process.
 */
import type { NewmanRunOptions } from 'newman';
import { type Engine, loadNewman } from '../../test/helpers/engines.ts';

export interface ItemTiming {
  name: string;
  folder: string;
  itemMs: number;
  prerequestMs: number;
  /** beforeTest → test: every test script of the item (collection level, then the item's own). */
  testMs: number;
  sent: boolean;
  code?: number;
}

export interface TimedRun {
  items: ItemTiming[];
  /** summary.run.timings.completed - started. */
  runMs: number;
  failures: string[];
  assertionErrors: string[];
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

type Args = { cursor: { ref: string }; item: { name: string; id: string; parent(): { name?: string } | undefined }; response?: { code: number } };

/**
 * Wires a Newman run's events to per-item timings: `onItem` gets each item's timing when its
 * `item` event fires, synchronously (so a caller may pause the run right there).
 */
export function recordTimings(emitter: NodeJS.EventEmitter, onItem: (timing: ItemTiming) => void, assertionErrors: string[]): void {
  const open = new Map<string, { start: number; preStart?: number; testStart?: number; id: string; timing: ItemTiming }>();
  emitter.on('beforeItem', (_err: unknown, args: Args) => {
    const parent = args.item.parent();
    const timing: ItemTiming = { name: args.item.name, folder: parent?.name ?? '', itemMs: 0, prerequestMs: 0, testMs: 0, sent: false };
    open.set(args.cursor.ref, { start: now(), id: args.item.id, timing });
  });
  emitter.on('beforePrerequest', (_err: unknown, args: Args) => {
    const entry = open.get(args.cursor.ref);
    if (entry) entry.preStart = now();
  });
  emitter.on('prerequest', (_err: unknown, args: Args) => {
    const entry = open.get(args.cursor.ref);
    if (entry?.preStart !== undefined) entry.timing.prerequestMs = now() - entry.preStart;
  });
  emitter.on('beforeTest', (_err: unknown, args: Args) => {
    const entry = open.get(args.cursor.ref);
    if (entry) entry.testStart = now();
  });
  emitter.on('test', (_err: unknown, args: Args) => {
    const entry = open.get(args.cursor.ref);
    if (entry?.testStart !== undefined) entry.timing.testMs = now() - entry.testStart;
  });
  emitter.on('request', (_err: unknown, args: Args) => {
    const entry = open.get(args.cursor.ref);
    // Requests sent by scripts (pm.sendRequest) carry another item id; only the item's own counts.
    if (entry && args.item?.id === entry.id && args.response) {
      entry.timing.sent = true;
      entry.timing.code = args.response.code;
    }
  });
  emitter.on('assertion', (err: { message: string } | null, args: { assertion: string }) => {
    if (err) assertionErrors.push(`${args.assertion}: ${err.message}`);
  });
  emitter.on('item', (_err: unknown, args: Args) => {
    const entry = open.get(args.cursor.ref);
    if (!entry) return;
    entry.timing.itemMs = now() - entry.start;
    open.delete(args.cursor.ref);
    onItem(entry.timing);
  });
}

/** The run's failures as `source: name: message` lines. */
export function failuresOf(summary: { run: { failures: Array<{ source?: unknown; error: { name: string; message: string } }> } }): string[] {
  return summary.run.failures.map((f) => `${(f.source as { name?: string } | undefined)?.name ?? 'run'}: ${f.error.name}: ${f.error.message}`);
}

export function timedRun(engine: Engine, collection: object, environment: object, extra: Partial<NewmanRunOptions> = {}): Promise<TimedRun> {
  const newman = loadNewman(engine);
  const items: ItemTiming[] = [];
  const assertionErrors: string[] = [];
  return new Promise((resolve, reject) => {
    const emitter = newman.run({ collection, environment, reporters: [], ...extra } as NewmanRunOptions, (err, summary) => {
      if (err) return reject(err);
      const timings = summary.run.timings as { started?: number; completed?: number };
      resolve({ items, runMs: (timings.completed ?? 0) - (timings.started ?? 0), failures: failuresOf(summary as never), assertionErrors });
    });
    recordTimings(emitter, (timing) => items.push(timing), assertionErrors);
  });
}
