/**
 * Issue 13, measurement side: where the every-request time goes (breakdown) and what candidate
 * designs would cost (design experiments), in both engines, measured on copies of the bundles in
 * the benchmark (dist/scripts snapshot, or an in-memory rebuild of scripts-src): nothing here
 * changes scripts-src, the build or the collections.
 *
 * All variants of one engine run interleaved request by request in one set (bench/lib/phaseLanes.ts),
 * so every difference is against a baseline measured within milliseconds of it. Reported per variant: median whole
 * request, median pre-request phase and test phase (engine events, so the HTTP exchange is not
 * in them), and the excess over `baseline` (one-line hooks) and over `script-free` (no hooks).
 */
import type { Engine } from '../test/helpers/engines.ts';
import { inflateText, payloadOf, RUNTIME_PARAMETERS } from '../build/runtimeCarrier.mjs';
import { distSnapshot, EMPTY_SCRIPT, readGenerated } from './lib/collections.ts';
import { type PhasePlan, runPhaseLanes } from './lib/phaseLanes.ts';
import type { PhaseRow, PhaseSpec } from './lib/phaseRun.ts';
import { log, median, min, max, percentile } from './lib/stats.ts';

type Json = Record<string, any>;

export type Group = 'reference' | 'breakdown' | 'experiment';

export interface GroupedSpec extends PhaseSpec {
  group: Group;
  /** Experiments: the letter of the design (see bench/breakdownReport.ts, section 8). */
  design?: string;
}

export interface BreakdownResult {
  engine: Engine;
  plan: PhasePlan;
  rows: Array<PhaseRow & { spec: GroupedSpec }>;
  wallSeconds: number;
}

export interface BreakdownRun {
  results: BreakdownResult[];
  shipped: { pre: number; test: number };
}

const dist = (name: string): string[] => {
  const file = distSnapshot().get(`${name}.js`);
  if (!file) throw new Error(`dist/scripts/${name}.js is missing: run npm run build`);
  return file.bytes.toString('utf8').replace(/\n$/, '').split('\n');
};

/** The text compiled as the body of an IIFE that returns at once: what carrying the hook's text costs, none of its run. */
const compileOnly = (lines: string[]) => ['!function(){return;', ...lines, '}();'];

/** What the cached-token m2m path reads (the contract variables, nsp_session, the URL). */
const READS = [
  "var a = pm.variables.get('auth_method'), b = pm.variables.get('account_id'), c = pm.variables.get('suitetalk_base_url');",
  "var d = pm.variables.get('token_refresh_buffer_seconds'), e = pm.variables.get('client_id');",
  'var u = pm.variables.replaceIn(pm.request.url.toString());',
  "var t = JSON.parse(pm.collectionVariables.get('nsp_session')).m2m;",
];
const HEADER = ["pm.request.headers.upsert({ key: 'Authorization', value: 'Bearer ' + t.accessToken });"];
const SANDBOX2 = '"use sandbox2";';
const withSandbox2 = (lines: string[]) => (lines[0] === SANDBOX2 ? lines : [SANDBOX2, ...lines]);
const withoutSandbox2 = (lines: string[]) => (lines[0] === SANDBOX2 ? lines.slice(1) : lines);
/** `lines`, starting with the marker if the shipped hook `like` does. */
const sameMarker = (like: string[], lines: string[]) => (like[0] === SANDBOX2 ? withSandbox2(lines) : lines);
/** The sandbox names the runtime's bind takes (build/runtimeCarrier.mjs, RUNTIME_PARAMETERS). */
const BIND = `bind(${RUNTIME_PARAMETERS.map((name) => (name === 'postman' || name === 'crypto' ? `typeof ${name} !== 'undefined' ? ${name} : undefined` : name)).join(', ')})`;
/** Hook stubs that call a runtime kept in the implicit global `name` (`{ bind, exports }`). */
const callRuntime = (name: string, hook: 'prerequest' | 'test') => [`if (typeof ${name} !== 'undefined') { ${name}.${BIND}; ${name}.exports.${hook}(Date.now()); }`];

export function breakdownSpecs(): GroupedSpec[] {
  const pre = dist('collection-prerequest');
  const test = dist('collection-test');
  const payload = payloadOf(pre.join('\n'));
  if (!payload) throw new Error('dist/scripts/collection-prerequest.js carries no runtime: run npm run build');
  const runtime = inflateText(payload);
  const empty = { pre: EMPTY_SCRIPT, test: EMPTY_SCRIPT, staticAuth: true, method: 'm2m' as const, expect: 'bearer' as const, noDeclaredVariables: true };
  // An untimed first request, as the Auth folder is in a run of the whole collection: the run's
  // one-time work (compiling the runtime, emptying the cookie jar) is done before the timed requests.
  const FIRST = ['// the run\'s first request (untimed)'];
  const shipped = (method: 'm2m' | 'tba') => ({ method, pre, test, setup: FIRST, staticAuth: false, expect: method === 'tba' ? ('tba' as const) : ('bearer' as const) });
  // The runtime installed once by an untimed first item; the hooks only bind and call it: the
  // shipped design without its carrier text.
  const installed = (method: 'm2m' | 'tba') => ({
    ...shipped(method),
    setup: [`__nspBenchRuntime = ${runtime}();`],
    // Each hook with the legacy globals or without them, as shipped.
    pre: sameMarker(pre, callRuntime('__nspBenchRuntime', 'prerequest')),
    test: sameMarker(test, callRuntime('__nspBenchRuntime', 'test')),
  });
  // Design (e): the same runtime carried as plain code instead of deflated (compiled once per run all the same).
  const plain = (method: 'm2m' | 'tba') => ({
    ...shipped(method),
    pre: sameMarker(pre, [`if (typeof __nspBenchPlain === 'undefined') __nspBenchPlain = ${runtime}();`, ...callRuntime('__nspBenchPlain', 'prerequest')]),
    test: sameMarker(test, callRuntime('__nspBenchPlain', 'test')),
  });
  return [
    { group: 'reference', name: 'script-free', what: 'no collection-level events at all; static Bearer auth (the engine without any hook)', method: 'm2m', staticAuth: true, expect: 'bearer', noDeclaredVariables: true },
    { group: 'reference', name: 'baseline', what: 'one-line comment in both collection-level hooks; static Bearer auth (what the targets are against)', ...empty },
    { group: 'breakdown', name: 'full-m2m', what: 'the shipped hooks and declared collection variables, auth_method=m2m, token cached (the every-request path)', ...shipped('m2m') },
    { group: 'breakdown', name: 'full-tba', what: 'the same, auth_method=tba (HMAC-SHA256 signature every request)', ...shipped('tba') },
    { group: 'breakdown', name: 'declared-variables', what: 'baseline + the collection\'s declared (empty) variables: what declaring them costs', ...empty, noDeclaredVariables: false },
    { group: 'breakdown', name: 'hook-text', what: `baseline + the shipped hooks' text (${(pre.join('\n').length / 1000).toFixed(1)} + ${(test.join('\n').length / 1000).toFixed(1)} kB) inside an IIFE that returns at once: carrying the text, none of its run`, ...empty, pre: compileOnly(pre), test: compileOnly(test) },
    { group: 'breakdown', name: 'runtime-work-m2m', what: 'full-m2m without the carrier: the runtime installed by a first item, hooks that only bind and call it (the work itself)', ...installed('m2m') },
    { group: 'breakdown', name: 'runtime-work-tba', what: 'the same, tba', ...installed('tba') },
    { group: 'breakdown', name: 'reads-only', what: '5 pm.variables.get, 1 replaceIn of the URL, the token slot read + JSON.parse; static auth', ...empty, pre: READS },
    { group: 'breakdown', name: 'minimal-m2m', what: 'reads-only + the Authorization header upsert: a hand-written floor of the cached-token hook', ...empty, staticAuth: false, pre: [...READS, ...HEADER] },
    { group: 'breakdown', name: 'sandbox2-baseline', what: `baseline with \`${SANDBOX2}\` as the first statement of both hooks (skips the legacy globals set-up)`, ...empty, pre: [SANDBOX2, ...EMPTY_SCRIPT], test: [SANDBOX2, ...EMPTY_SCRIPT] },
    { group: 'experiment', design: 'e', name: 'plain-runtime-m2m', what: `the runtime carried as plain code (${(runtime.length / 1000).toFixed(1)} kB) in the pre-request hook instead of deflated, compiled once per run all the same`, ...plain('m2m') },
    { group: 'experiment', design: 'e', name: 'plain-runtime-tba', what: 'the same, tba', ...plain('tba') },
    { group: 'experiment', design: 'd', name: 'legacy-pre-m2m', what: `the shipped hooks, the pre-request one without \`${SANDBOX2}\` (its legacy globals built every request, as before 2026-12-03 17:45, when it read the run cursor)`, ...shipped('m2m'), pre: withoutSandbox2(pre) },
    { group: 'experiment', design: 'd', name: 'legacy-pre-tba', what: 'the same, tba', ...shipped('tba'), pre: withoutSandbox2(pre) },
  ];
}

export async function runBreakdown(engines: Engine[], plan: PhasePlan): Promise<BreakdownRun> {
  const specs = breakdownSpecs();
  const generated = readGenerated('netsuite-rest') as Json;
  const results: BreakdownResult[] = [];
  for (const engine of engines) {
    const started = Date.now();
    log(`7. breakdown and design experiments, engine ${engine}: ${specs.length} variants, ${plan.sessions} sessions × ${plan.cycles} cycles, interleaved request by request`);
    const rows = (await runPhaseLanes(engine, specs, generated, plan, (session, current) => {
      const base = current.find((r) => r.spec.name === 'baseline')!;
      const scripts = (r: PhaseRow) => median(r.pre.map((p, i) => p + r.test[i]!));
      const excess = (name: string) => (scripts(current.find((x) => x.spec.name === name)!) - scripts(base)).toFixed(2);
      log(`  ${engine} session ${session + 1}/${plan.sessions}: scripts over baseline so far (ms) full-m2m ${excess('full-m2m')}, full-tba ${excess('full-tba')}, declared-variables ${excess('declared-variables')}, hook-text ${excess('hook-text')}, runtime-work-m2m ${excess('runtime-work-m2m')}`);
    })) as BreakdownResult['rows'];
    results.push({ engine, plan, rows, wallSeconds: (Date.now() - started) / 1000 });
  }
  const shipped = { pre: distSnapshot().get('collection-prerequest.js')!.bytes.length, test: distSnapshot().get('collection-test.js')!.bytes.length };
  return { results, shipped };
}

// ---------------------------------------------------------------------------------------------
// Derived numbers (used by the sections and the chart)

export interface Derived {
  name: string;
  group: Group;
  design?: string;
  what: string;
  itemMs: number;
  preMs: number;
  testMs: number;
  /** Median of per-request (pre + test) time. */
  scriptsMs: number;
  /** Median item − baseline median item. */
  overBaselineMs: number;
  overScriptFreeMs: number;
  /** Median (pre + test) − baseline's. Less noisy than whole-request differences (no HTTP in it). */
  scriptsOverBaselineMs: number;
  /** 25th percentile of (pre + test) − baseline's: on a loaded machine, where contention only ever adds time, closer to the intrinsic cost. */
  scriptsP25: number;
  scriptsP25OverBaselineMs: number;
  ratioBaseline: number;
  ratioScriptFree: number;
  /** Range of per-block (per-round) ratios of median item time to the baseline's. */
  roundMin: number;
  roundMax: number;
  requests: number;
  problems: string[];
}

export function derive(result: BreakdownResult): Derived[] {
  const find = (name: string) => result.rows.find((r) => r.spec.name === name)!;
  const base = find('baseline');
  const free = find('script-free');
  const scripts = (r: PhaseRow) => median(r.pre.map((p, i) => p + r.test[i]!));
  const scriptsP25 = (r: PhaseRow) => percentile(r.pre.map((p, i) => p + r.test[i]!), 25);
  const baseItem = median(base.item);
  const freeItem = median(free.item);
  return result.rows.map((r) => {
    const perRound = r.roundItem.map((m, i) => m / base.roundItem[i]!);
    return {
      name: r.spec.name,
      group: r.spec.group,
      design: r.spec.design,
      what: r.spec.what,
      itemMs: median(r.item),
      preMs: median(r.pre),
      testMs: median(r.test),
      scriptsMs: scripts(r),
      overBaselineMs: median(r.item) - baseItem,
      overScriptFreeMs: median(r.item) - freeItem,
      scriptsOverBaselineMs: scripts(r) - scripts(base),
      scriptsP25: scriptsP25(r),
      scriptsP25OverBaselineMs: scriptsP25(r) - scriptsP25(base),
      ratioBaseline: median(r.item) / baseItem,
      ratioScriptFree: median(r.item) / freeItem,
      roundMin: min(perRound),
      roundMax: max(perRound),
      requests: r.requests,
      problems: r.problems,
    };
  });
}

