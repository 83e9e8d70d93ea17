/**
 * Issue 13, measurement side: where the every-request time goes (breakdown) and what candidate
 * designs would cost (design experiments), in both engines, measured on copies of the bundles in
 * the benchmark (dist/scripts snapshot, or an in-memory rebuild of scripts-src): nothing here
 * changes scripts-src, the build or the collections.
 *
 * All variants of one engine run interleaved in one set (bench/lib/phaseRun.ts), so every
 * difference is against a baseline measured in the same rounds. Reported per variant: median whole
 * request, median pre-request phase and test phase (engine events, so the HTTP exchange is not
 * in them), and the excess over `baseline` (one-line hooks) and over `script-free` (no hooks).
 */
import type { Engine } from '../test/helpers/engines.ts';
import { distSnapshot, EMPTY_SCRIPT, readGenerated } from './lib/collections.ts';
import { type PhaseRow, type PhaseSpec, runPhases } from './lib/phaseRun.ts';
import { log, median, min, max, percentile } from './lib/stats.ts';

type Json = Record<string, any>;

export type Group = 'reference' | 'breakdown' | 'experiment';

export interface GroupedSpec extends PhaseSpec {
  group: Group;
  /** Experiments: the letter of the design in the brief (a, b, c, d). */
  design?: string;
}

export interface BreakdownResult {
  engine: Engine;
  rounds: number;
  perRound: number;
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

/** The text compiled as the body of an IIFE that returns at once: the parse/compile work of the real hook, none of its run. */
const compileOnly = (lines: string[]) => ['!function(){return;', ...lines, '}();'];
/** The text as a never-called function declaration: V8 only pre-parses it. */
const preparseOnly = (lines: string[]) => ['function __nspNeverCalled() {', ...lines, '}'];
/** The text as a string literal: scanned, not parsed. */
const asString = (name: string, lines: string[]) => [`var ${name} = ${JSON.stringify(lines.join('\n'))};`];

/** What the cached-token m2m path reads (the contract variables, the token slot, the URL). */
const READS = [
  "var a = pm.variables.get('auth_method'), b = pm.variables.get('account_id'), c = pm.variables.get('suitetalk_base_url');",
  "var d = pm.variables.get('token_refresh_buffer_seconds'), e = pm.variables.get('client_id');",
  'var u = pm.variables.replaceIn(pm.request.url.toString());',
  "var t = JSON.parse(pm.collectionVariables.get('nsp_token_m2m'));",
];
const HEADER = ["pm.request.headers.upsert({ key: 'Authorization', value: 'Bearer ' + t.accessToken });"];

/** Names the sandbox provides per execution: an installed function must get them from each stub. */
const PER_EXECUTION = ['pm', 'console', 'require', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'crypto'];
const ARGS = PER_EXECUTION.map((n) => (n === 'crypto' ? "typeof crypto === 'undefined' ? undefined : crypto" : n)).join(', ');
const install = (global: string, lines: string[]) => [`${global} = function (${PER_EXECUTION.join(', ')}) {`, ...lines, '};'];
/** Hook stub: call the run's installed function, or (no global: a Send of one request) eval the text kept in a collection variable. */
const stub = (global: string, variable: string) => [
  `if (typeof ${global} === 'function') ${global}(${ARGS});`,
  `else { var __nspText = pm.collectionVariables.get('${variable}'); (0, eval)('(function (${PER_EXECUTION.join(', ')}) {' + __nspText + '\\n})')(${ARGS}); }`,
];
const SANDBOX2 = '"use sandbox2";';

export function breakdownSpecs(): GroupedSpec[] {
  const pre = dist('collection-prerequest');
  const test = dist('collection-test');
  const empty = { pre: EMPTY_SCRIPT, test: EMPTY_SCRIPT, staticAuth: true, method: 'm2m' as const, expect: 'bearer' as const };
  const runtimeVars = [
    { key: 'nsp_bench_runtime_pre', value: pre.join('\n') },
    { key: 'nsp_bench_runtime_test', value: test.join('\n') },
  ];
  const globalStub = (method: 'm2m' | 'tba', setup: boolean): Omit<GroupedSpec, 'name' | 'what' | 'group'> => ({
    method,
    staticAuth: false,
    expect: method === 'tba' ? 'tba' : 'bearer',
    pre: stub('__nspBenchPre', 'nsp_bench_runtime_pre'),
    test: stub('__nspBenchTest', 'nsp_bench_runtime_test'),
    variables: runtimeVars,
    ...(setup ? { setup: [...install('__nspBenchPre', pre), ...install('__nspBenchTest', test)] } : {}),
  });
  return [
    { group: 'reference', name: 'script-free', what: 'no collection-level events at all; static Bearer auth (the engine without any hook)', method: 'm2m', staticAuth: true, expect: 'bearer' },
    { group: 'reference', name: 'baseline', what: 'one-line comment in both collection-level hooks; static Bearer auth (what the targets are against)', ...empty },
    { group: 'breakdown', name: 'full-m2m', what: 'both shipped bundles, auth_method=m2m, token cached (the every-request path today)', method: 'm2m', pre, test, staticAuth: false, expect: 'bearer' },
    { group: 'breakdown', name: 'full-tba', what: 'both shipped bundles, auth_method=tba (HMAC-SHA256 signature every request)', method: 'tba', pre, test, staticAuth: false, expect: 'tba' },
    { group: 'breakdown', name: 'compile-only', what: 'both bundles\' text inside an IIFE that returns at once: the parse + compile of the hooks, none of their run', ...empty, pre: compileOnly(pre), test: compileOnly(test) },
    { group: 'breakdown', name: 'preparse-only', what: 'both bundles\' text as a never-called function declaration: what V8\'s pre-parser alone costs', ...empty, pre: preparseOnly(pre), test: preparseOnly(test) },
    { group: 'breakdown', name: 'string-only', what: 'both bundles\' text as a string literal: scanning the bytes, no parse of functions', ...empty, pre: asString('__nspText', pre), test: asString('__nspText', test) },
    { group: 'breakdown', name: 'reads-only', what: '5 pm.variables.get, 1 replaceIn of the URL, the token slot read + JSON.parse; static auth', ...empty, pre: READS },
    { group: 'breakdown', name: 'minimal-m2m', what: 'reads-only + the Authorization header upsert: a hand-written floor of the cached-token hook', ...empty, staticAuth: false, pre: [...READS, ...HEADER] },
    { group: 'breakdown', name: 'big-variable', what: `baseline + two collection variables holding both bundles' text (${((pre.join('\n').length + test.join('\n').length) / 1000).toFixed(0)} kB): the copy of variables into each execution`, ...empty, variables: runtimeVars },
    { group: 'breakdown', name: 'sandbox2-baseline', what: `baseline with \`${SANDBOX2}\` as the first statement of both hooks (skips the legacy globals set-up)`, ...empty, pre: [SANDBOX2, ...EMPTY_SCRIPT], test: [SANDBOX2, ...EMPTY_SCRIPT] },
    { group: 'experiment', design: 'b', name: 'string-rare-m2m', what: 'minimal-m2m hot path + both bundles kept as string literals (eval\'d only on failure): rarely-run code as a string', ...empty, staticAuth: false, pre: [...READS, ...HEADER, ...asString('__nspRare', pre)], test: [...EMPTY_SCRIPT, ...asString('__nspRare', test)] },
    { group: 'experiment', design: 'c', name: 'global-m2m', what: 'stub hooks (2 lines) calling functions installed once per run in implicit globals by a first item; bundle text in collection variables as the fallback', ...globalStub('m2m', true) },
    { group: 'experiment', design: 'c', name: 'global-tba', what: 'global-m2m, auth_method=tba', ...globalStub('tba', true) },
    { group: 'experiment', design: 'c', name: 'global-single-send-m2m', what: 'the same stubs with no global installed: every request takes the fallback (eval of the variable), as one Send in the app does', ...globalStub('m2m', false) },
    { group: 'experiment', design: 'd', name: 'sandbox2-m2m', what: `both shipped bundles with \`${SANDBOX2}\` prepended (no legacy globals), m2m`, method: 'm2m', pre: [SANDBOX2, ...pre], test: [SANDBOX2, ...test], staticAuth: false, expect: 'bearer' },
    { group: 'experiment', design: 'd', name: 'sandbox2-tba', what: 'the same, tba', method: 'tba', pre: [SANDBOX2, ...pre], test: [SANDBOX2, ...test], staticAuth: false, expect: 'tba' },
  ];
}

export async function runBreakdown(engines: Engine[], rounds: number, perRound: number): Promise<BreakdownRun> {
  const specs = breakdownSpecs();
  const generated = readGenerated('netsuite-rest') as Json;
  const results: BreakdownResult[] = [];
  for (const engine of engines) {
    const started = Date.now();
    log(`7. breakdown and design experiments, engine ${engine}: ${specs.length} variants × ${rounds} rounds × ${perRound} requests, interleaved`);
    const rows = (await runPhases(engine, specs, generated, rounds, perRound, (round, current) => {
      const base = current.find((r) => r.spec.name === 'baseline')!;
      const excess = (name: string) => {
        const r = current.find((x) => x.spec.name === name)!;
        return (r.roundScripts[round]! - base.roundScripts[round]!).toFixed(2);
      };
      log(`  ${engine} round ${round + 1}/${rounds}: scripts over baseline (ms) full-m2m ${excess('full-m2m')}, full-tba ${excess('full-tba')}, compile-only ${excess('compile-only')}, global-m2m ${excess('global-m2m')}`);
    })) as BreakdownResult['rows'];
    results.push({ engine, rounds, perRound, rows, wallSeconds: (Date.now() - started) / 1000 });
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
  /** Range of per-round ratios of median item time to the baseline's. */
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

