import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interleave, itemsByBlock, type LaneSpec } from '../../bench/lib/interleave.ts';
import { type EchoServer, startEchoServer } from '../../bench/lib/echoServer.ts';
import { ENGINES } from '../helpers/engines.ts';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(async () => {
  await server.close();
});

/** A lane whose requests name it in the path: `untimed` first items in "Start", then `timed` in "Timed". */
function lane(name: string, untimed: number, timed: number): LaneSpec {
  const request = (folder: string, i: number) => ({ name: `${folder} ${i}`, request: { method: 'GET', url: `${server.origin}/${name}/${folder}/${i}`, header: [] } });
  return {
    name,
    untimedItems: untimed,
    environment: { name: 'env', values: [] },
    collection: {
      info: { name, schema: SCHEMA },
      // A test script in every item: pausing must not cut an item's scripts off from its timing.
      event: [{ listen: 'test', script: { type: 'text/javascript', exec: [`pm.test('${name} ok', () => pm.response.to.have.status(200));`] } }],
      item: [
        { name: 'Start', item: Array.from({ length: untimed }, (_, i) => request('start', i)) },
        { name: 'Timed', item: Array.from({ length: timed }, (_, i) => request('timed', i)) },
      ],
    },
  };
}

const laneOf = (target: string) => target.split('/')[1]!;

describe.each(ENGINES)('bench/lib/interleave.ts, engine %s', (engine) => {
  it('lets each run go through its untimed items alone, then one request per turn, one run at a time', async () => {
    server.clear();
    const cycles = 6;
    // "c" takes a turn every other cycle only.
    const outcomes = await interleave(engine, [lane('a', 2, cycles), lane('b', 1, cycles), lane('c', 3, cycles / 2)], cycles, {
      schedule: (cycle, name) => name !== 'c' || cycle % 2 === 0,
      seed: 5,
    });
    const order = server.seen.map((s) => `${laneOf(s.target)}:${s.target.split('/')[2]}`);
    // Start-up: each run's untimed items, run by run, before any timed request.
    expect(order.slice(0, 6)).toEqual(['a:start', 'a:start', 'b:start', 'c:start', 'c:start', 'c:start']);
    // Then cycles: every scheduled run exactly once per cycle (never two requests of one run in a row inside a cycle).
    const timed = order.slice(6).map((o) => o.split(':')[0]);
    let at = 0;
    const seenOrders = new Set<string>();
    for (let cycle = 0; cycle < cycles; cycle++) {
      const expected = cycle % 2 === 0 ? ['a', 'b', 'c'] : ['a', 'b'];
      const got = timed.slice(at, at + expected.length);
      expect([...got].sort()).toEqual(expected);
      seenOrders.add(got.join(''));
      at += expected.length;
    }
    expect(at).toBe(timed.length);
    // The order is shuffled, not fixed.
    expect(seenOrders.size).toBeGreaterThan(1);
    for (const outcome of outcomes) {
      expect(outcome.failures).toEqual([]);
      expect(outcome.assertionErrors).toEqual([]);
      const turns = outcome.items.slice(outcome.firstTurnItem);
      expect(turns.every((item) => item.folder === 'Timed' && item.sent && item.code === 200)).toBe(true);
      expect(outcome.items.slice(0, outcome.firstTurnItem).every((item) => item.folder === 'Start')).toBe(true);
      expect(outcome.turnCycles).toEqual(outcome.name === 'c' ? [0, 2, 4] : [0, 1, 2, 3, 4, 5]);
      // Blocks of 2 cycles: "c" has one request in each, the others two.
      expect(itemsByBlock(outcome, 2, 3).map((group) => group.length)).toEqual(outcome.name === 'c' ? [1, 1, 1] : [2, 2, 2]);
      expect(itemsByBlock(outcome, 2, 3).flat()).toEqual(turns);
      // Each timed item's span holds its test script.
      expect(turns.every((item) => item.itemMs >= item.testMs && item.testMs > 0)).toBe(true);
    }
  });

  it('a lane needs an untimed first item to pause after', async () => {
    await expect(interleave(engine, [lane('d', 0, 1)], 1)).rejects.toThrow(/lane d: at least one untimed first item/);
  });
});
