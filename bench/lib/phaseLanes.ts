/**
 * The breakdown's phase specs (bench/lib/phaseRun.ts) measured as bench/perRequest.ts measures
 * sections 1–2: every spec one long Newman run per session, the runs taking turns request by
 * request (bench/lib/interleave.ts), each against its own loopback echo server. Every run first
 * sends its untimed Setup item (if any) and `warmUp` requests of the timed shapes on its own.
 */
import type { Engine } from '../../test/helpers/engines.ts';
import { benchEnvironment, timedItems } from './collections.ts';
import { type EchoServer, startEchoServer } from './echoServer.ts';
import { interleave, itemsByBlock } from './interleave.ts';
import { check, phaseCollection, type PhaseRow, type PhaseSpec } from './phaseRun.ts';
import { median } from './stats.ts';

type Json = Record<string, any>;

export interface PhasePlan {
  sessions: number;
  cycles: number;
  /** Consecutive cycles per block (per-block medians and ratios). */
  block: number;
  warmUp: number;
}

/** The spec's collection with `warmUp` untimed requests (folder "Warm-up") before the timed ones. */
function withWarmUp(collection: Json, warmUp: number): Json {
  const items = timedItems(warmUp).map((item) => ({ ...item, name: item.name.replace(/^Timed/, 'Warm-up') }));
  const timedAt = collection.item.findIndex((folder: Json) => folder.name === 'Timed');
  collection.item.splice(timedAt, 0, { name: 'Warm-up', item: items });
  return collection;
}

export async function runPhaseLanes(engine: Engine, specs: PhaseSpec[], generated: Json, plan: PhasePlan, onSession?: (session: number, rows: PhaseRow[]) => void): Promise<PhaseRow[]> {
  const rows = specs.map((spec): PhaseRow => ({ spec, item: [], pre: [], test: [], roundItem: [], roundScripts: [], requests: 0, problems: [] }));
  const blocks = Math.ceil(plan.cycles / plan.block);
  for (let session = 0; session < plan.sessions; session++) {
    const order = specs.map((_, i) => (i + session) % specs.length);
    const servers: EchoServer[] = [];
    try {
      for (let i = 0; i < specs.length; i++) servers.push(await startEchoServer());
      const lanes = order.map((index) => {
        const spec = specs[index]!;
        return {
          name: String(index),
          collection: withWarmUp(phaseCollection(spec, generated, plan.cycles), plan.warmUp),
          environment: benchEnvironment(servers[index]!.origin, spec.method, 'unused-private-key'),
          untimedItems: (spec.setup ? 1 : 0) + plan.warmUp,
        };
      });
      const outcomes = await interleave(engine, lanes, plan.cycles, { seed: 31 + session });
      for (const outcome of outcomes) {
        const index = Number(outcome.name);
        const row = rows[index]!;
        const timed = outcome.items.slice(outcome.firstTurnItem);
        row.item.push(...timed.map((i) => i.itemMs));
        row.pre.push(...timed.map((i) => i.prerequestMs));
        row.test.push(...timed.map((i) => i.testMs));
        for (const inBlock of itemsByBlock(outcome, plan.block, blocks)) {
          row.roundItem.push(median(inBlock.map((i) => i.itemMs)));
          row.roundScripts.push(median(inBlock.map((i) => i.prerequestMs + i.testMs)));
        }
        row.requests += timed.filter((i) => i.code === 200).length;
        const problems = [...outcome.failures, ...outcome.assertionErrors, ...check(row.spec, servers[index]!, plan.cycles + plan.warmUp)];
        if (timed.length !== plan.cycles) problems.push(`${timed.length} timed items, expected ${plan.cycles}`);
        if (timed.some((i) => i.folder !== 'Timed')) problems.push('an untimed item was timed');
        row.problems.push(...problems.slice(0, 3).map((p) => `session ${session + 1}: ${p}`));
      }
    } finally {
      for (const server of servers) await server.close();
    }
    onSession?.(session, rows);
  }
  return rows;
}
