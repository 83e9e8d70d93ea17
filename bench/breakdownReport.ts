/**
 * The RESULTS.md sections of the breakdown (7), the design experiments (8) and the overhead
 * against NetSuite's own round trip (9), and the SVG chart of per-request time by variant and
 * engine (bench/per-request.svg). Pure functions of the measured results.
 */
import type { Engine } from '../test/helpers/engines.ts';
import { type BreakdownRun, derive, type Derived } from './breakdown.ts';
import { median, ms, ratio, table } from './lib/stats.ts';
import { barChart } from './lib/svgChart.ts';
import { type PerRequestResult, VARIANTS } from './perRequest.ts';

/**
 * The NetSuite round trip the overhead is set against. Assumed, not measured here (the benchmark
 * is loopback only, and no published figure was found): see the text of section 9.
 */
export const ASSUMED_NETSUITE_MS = 300;
export const NETSUITE_RANGE_MS = [150, 1000];

const ENGINE_LABEL: Record<Engine, string> = {
  newman: 'Newman 6.2.2 (postman-sandbox 4.7.1)',
  app: 'postman-runtime 7.56.1 (postman-sandbox 6.7.4, the app)',
};
const COLORS: Record<Engine, string> = { newman: '#e4572e', app: '#2e86ab' };

const signed = (value: number, digits = 2): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)} ms` : 'n/a');
/** Share of an excess; "n/a" when the excess itself is within ±0.1 ms (a share of noise means nothing). */
const pct = (part: number, whole: number): string => (Number.isFinite(part / whole) && whole > 0.1 ? `${((part / whole) * 100).toFixed(0)}%` : 'n/a');

export function breakdownSections(run: BreakdownRun, perRequest: PerRequestResult[], quick: boolean): string[] {
  const out: string[] = [];
  const p = (line = '') => out.push(line);
  const derived = new Map(run.results.map((r) => [r.engine, derive(r)]));
  const get = (engine: Engine, name: string): Derived => derived.get(engine)!.find((d) => d.name === name)!;
  const first = run.results[0]!;

  p('## 7. Where the time goes per request (breakdown, both engines)');
  p();
  p(`Every variant below is its own Newman run of the same timed requests, each against its own loopback echo server; all`);
  p(`${first.rows.length} variants of an engine run interleaved request by request as in sections 1–2 (${first.plan.sessions} sessions × ${first.plan.cycles} cycles: each variant one`);
  p(`Newman run per session, its first requests — the untimed first item where it has one, then ${first.plan.warmUp} warm-up requests — on its own, then one timed`);
  p('request a turn, order shuffled every cycle), so every difference is against a baseline measured within milliseconds of it. m2m variants start with a fresh token already in `nsp_session` (no Auth item, no jsrsasign): what is timed is the');
  p('cached-token success path. **pre** = `beforePrerequest` → `prerequest`, **test** = `beforeTest` → `test` (engine events: every');
  p('collection-level script of the phase, no HTTP in them); **scripts over baseline** = median of (pre + test) per request minus the');
  p('baseline\'s — the least noisy measure of script cost; **request over …** = difference of median whole-request times (includes');
  p('HTTP and the engine\'s bookkeeping, noisier). Every request is checked after the run (Authorization header, TBA signature');
  p('verified, no token request, every test passed); failures are listed under problems.');
  p();
  p(table(['variant', 'kind', 'what it isolates'], first.rows.map((r) => [`\`${r.spec.name}\``, r.spec.group + (r.spec.design ? ` (${r.spec.design})` : ''), r.spec.what])));
  p();
  for (const result of run.results) {
    const rows = derived.get(result.engine)!;
    p(`### Engine \`${result.engine}\` — ${ENGINE_LABEL[result.engine]}, ${result.wallSeconds.toFixed(0)} s`);
    p();
    p(
      table(
        ['variant', 'requests (200)', 'median request', 'median pre', 'median test', 'scripts over baseline (median)', 'scripts over baseline (p25)', 'request over baseline', 'request over script-free', '× baseline', `per-block × baseline (blocks of ${first.plan.block} cycles)`, '× script-free', 'problems'],
        rows.map((d) => [
          `\`${d.name}\``,
          d.requests,
          ms(d.itemMs),
          ms(d.preMs),
          ms(d.testMs),
          signed(d.scriptsOverBaselineMs),
          signed(d.scriptsP25OverBaselineMs),
          signed(d.overBaselineMs),
          signed(d.overScriptFreeMs),
          ratio(d.ratioBaseline),
          `${d.roundMin.toFixed(2)}–${d.roundMax.toFixed(2)}`,
          ratio(d.ratioScriptFree),
          d.problems.length ? d.problems.slice(0, 2).join('; ').replace(/\|/g, '/').slice(0, 160) : 'none',
        ]),
      ),
    );
    p();
  }

  p('### Decomposition of the every-request cost');
  p();
  p('Each line is a difference from the tables above (scripts = pre + test phase, ms per request), as "median-based / p25-based":');
  p('on a shared machine, contention only ever adds time, so the 25th percentile is the steadier estimate of intrinsic cost.');
  p('"share" is of the full-m2m (or full-tba) excess over the baseline in the same engine (p25-based), "n/a" when that excess is');
  p('within 0.1 ms. Differences do not add up exactly, and a difference smaller than the spread of the per-block ratios is noise.');
  p();
  const engines = run.results.map((r) => r.engine);
  const lines: Array<[string, (e: Engine) => string]> = [];
  const s = (e: Engine, n: string) => get(e, n).scriptsMs;
  const q = (e: Engine, n: string) => get(e, n).scriptsP25;
  // "median / p25" difference of two variants' scripts time, and the p25 share of a whole.
  const both = (e: Engine, a: string, b: string, whole?: (e: Engine) => number) =>
    `${signed(s(e, a) - s(e, b))} / ${signed(q(e, a) - q(e, b))}${whole ? ` (${pct(q(e, a) - q(e, b), whole(e))})` : ''}`;
  const fullM2m = (e: Engine) => q(e, 'full-m2m') - q(e, 'baseline');
  const fullTba = (e: Engine) => q(e, 'full-tba') - q(e, 'baseline');
  lines.push(['engine floor: two one-line hooks vs no hooks (request, baseline − script-free)', (e) => signed(get(e, 'baseline').itemMs - get(e, 'script-free').itemMs)]);
  lines.push(['  of it, the legacy globals set-up (scripts, baseline − sandbox2-baseline)', (e) => both(e, 'baseline', 'sandbox2-baseline')]);
  lines.push(['**full-m2m excess** (scripts, full-m2m − baseline)', (e) => `**${both(e, 'full-m2m', 'baseline')}**`]);
  lines.push(['  the declared collection variables, copied into each execution (declared-variables − baseline)', (e) => both(e, 'declared-variables', 'baseline', fullM2m)]);
  lines.push(['  carrying the hooks\' text (hook-text − baseline)', (e) => both(e, 'hook-text', 'baseline', fullM2m)]);
  lines.push(['  the runtime\'s work, with variables, without the text (runtime-work-m2m − baseline)', (e) => both(e, 'runtime-work-m2m', 'baseline', fullM2m)]);
  lines.push(['    of which the variable reads (reads-only − baseline)', (e) => both(e, 'reads-only', 'baseline')]);
  lines.push(['    of which the header write (minimal-m2m − reads-only)', (e) => both(e, 'minimal-m2m', 'reads-only')]);
  lines.push(['  a hand-written floor of the whole job (minimal-m2m − baseline)', (e) => both(e, 'minimal-m2m', 'baseline', fullM2m)]);
  lines.push(['**full-tba excess** (scripts, full-tba − baseline)', (e) => `**${both(e, 'full-tba', 'baseline')}**`]);
  lines.push(['  the runtime\'s work: reads, base string, HMAC-SHA256 with crypto-js, header (runtime-work-tba − baseline)', (e) => both(e, 'runtime-work-tba', 'baseline', fullTba)]);
  p(table(['what', ...engines.map((e) => `\`${e}\``)], lines.map(([label, f]) => [label, ...engines.map(f)])));
  p();
  p('How to read it. For every execution the engine copies the hook\'s text and every variable in scope into the sandbox');
  p('(postman-runtime serializes the event and context, uvm\'s bridge carries them as Flatted JSON, postman-sandbox parses them and');
  p('rebuilds SDK objects), sets up the scope — the `pm` object for this request, the timers and, unless the script starts with');
  p('`"use sandbox2";`, the legacy globals (`environment`, `globals`, `data`, `request`, `responseBody`, `tests`, `postman`, the');
  p('libraries), each a copy of the current variables — and then compiles and runs the script. V8 caches the compiled code of an');
  p('identical script text, so the copying, not the parse, is what grows with a hook\'s size: that is why the shipped hooks are');
  p('stubs around one runtime compiled once per run, carried deflated (docs/design.md, "One runtime per run").');
  p();

  p('## 8. Design experiments for the every-request path');
  p();
  p('Alternatives measured in the same interleaved set as section 7, so each is set against the same baseline and against');
  p('`full-m2m` / `full-tba` (what ships).');
  p();
  p('- **shipped: one runtime per run, carried deflated.** The `full-*` rows. The designs before it — failure-only code kept out of');
  p('  the every-request parse as comments (a), and stubs calling code kept in collection variables (c) — are measured in');
  p('  docs/design.md and earlier versions of this file: (a) was within noise of the bundles before it, (c) lost to the copy of the');
  p('  variables into every execution.');
  p('- **(e) the same runtime as plain code.** The pre-request hook carries the runtime\'s text as code instead of deflated; the');
  p('  runtime is still compiled once per run. What the deflation saves.');
  p('- **(d) the legacy globals in the pre-request hook.** Both shipped hooks start with `"use sandbox2";`, which makes');
  p('  postman-sandbox skip building the legacy globals; here the pre-request hook does without it, as it did until it no longer');
  p('  had to read the run cursor (a single Send is now told from a run as docs/design.md says). A negative saving is what the');
  p('  marker saves.');
  p();
  const experiments = derived.get(first.engine)!.filter((d) => d.group === 'experiment').map((d) => d.name);
  const against = (name: string) => (name.endsWith('tba') ? 'full-tba' : 'full-m2m');
  p(
    table(
      ['variant', 'design', 'compared with', ...engines.flatMap((e) => [`\`${e}\` scripts over baseline (median / p25)`, `\`${e}\` saving (p25)`, `\`${e}\` × baseline`]), 'problems'],
      [...['full-m2m', 'full-tba', 'minimal-m2m'], ...experiments].map((name) => {
        const d0 = get(first.engine, name);
        const cmp = against(name);
        return [
          `\`${name}\``,
          d0.design ?? (d0.group === 'breakdown' ? (name === 'minimal-m2m' ? 'floor' : 'shipped') : ''),
          name === cmp ? '—' : `\`${cmp}\``,
          ...engines.flatMap((e) => {
            const d = get(e, name);
            const saving = q(e, cmp) - d.scriptsP25;
            return [`${signed(d.scriptsOverBaselineMs)} / ${signed(d.scriptsP25OverBaselineMs)}`, name === cmp ? '—' : `${signed(saving)} (${pct(saving, q(e, cmp) - q(e, 'baseline'))})`, ratio(d.ratioBaseline)];
          }),
          engines.flatMap((e) => get(e, name).problems).length ? engines.flatMap((e) => get(e, name).problems.map((x) => `${e}: ${x}`)).slice(0, 2).join('; ').replace(/\|/g, '/').slice(0, 160) : 'none',
        ];
      }),
    ),
  );
  p();
  p('"saving" = the compared variant\'s scripts p25 minus this one\'s (negative: this one costs more), and in brackets its share of');
  p('the compared variant\'s excess over the baseline. A design is only usable if its problems column says none (every request');
  p('authenticated and every test passed).');
  p(quick ? '**--quick run: one session of a few cycles — these numbers are noise.**' : '');
  p();

  p('## 9. What the overhead means against NetSuite\'s own round trip');
  p();
  p(`Assumed NetSuite round trip: **${ASSUMED_NETSUITE_MS} ms** for a REST web services record GET (e.g. \`GET /services/rest/record/v1/customer/42\`)`);
  p('from a client in the same region as the account\'s data center, on a kept-alive TLS connection. This is an assumption, not a');
  p('measurement (this benchmark never leaves loopback) and not a published figure (Oracle documents limits — concurrency, 15-minute');
  p('timeout, 1,000 records a page — but no latency): it is the network round trip in-region (tens of ms) plus NetSuite\'s own');
  p('processing of a single-record read, which runs through the record layer, permissions and scripts deployed on the record and');
  p(`is typically hundreds of ms. Searches, SuiteQL and writes take longer, so the percentages below are upper bounds for them; the`);
  p(`columns at ${NETSUITE_RANGE_MS[0]} ms and ${NETSUITE_RANGE_MS[1]} ms show how the conclusion moves with the assumption.`);
  p();
  const overheadRows: Array<Array<string>> = [];
  for (const result of perRequest) {
    const base = median(result.results.baseline.perRequestMs);
    const free = median(result.results['script-free'].perRequestMs);
    for (const v of ['m2m', 'tba', 'authcode', 'oauth1-builtin-no-scripts', 'jsrsasign-per-request'] as const) {
      const mine = median(result.results[v].perRequestMs);
      const overBase = mine - base;
      const overFree = mine - free;
      overheadRows.push([
        `\`${result.engine}\``,
        `\`${v}\``,
        signed(overBase),
        signed(overFree),
        `${((overBase / ASSUMED_NETSUITE_MS) * 100).toFixed(2)}%`,
        `${((overFree / ASSUMED_NETSUITE_MS) * 100).toFixed(2)}%`,
        `${((overFree / NETSUITE_RANGE_MS[0]!) * 100).toFixed(2)}%`,
        `${((overFree / NETSUITE_RANGE_MS[1]!) * 100).toFixed(2)}%`,
      ]);
    }
  }
  p(
    table(
      ['engine', 'variant', 'over baseline (loopback)', 'over script-free (loopback)', `over baseline ÷ ${ASSUMED_NETSUITE_MS} ms`, `over script-free ÷ ${ASSUMED_NETSUITE_MS} ms`, `over script-free ÷ ${NETSUITE_RANGE_MS[0]} ms`, `over script-free ÷ ${NETSUITE_RANGE_MS[1]} ms`],
      overheadRows,
    ),
  );
  p();
  p('"Over script-free" includes the engine\'s own cost of running any collection-level hook (the baseline − script-free line of');
  p('section 7), which every script-based approach pays; "over baseline" is what the project\'s scripts add on top. On loopback the');
  p('ratios to the baseline look large because the request itself costs a few ms; against a real NetSuite round trip the same');
  p('milliseconds are a small fraction of the request.');
  p();
  return out;
}

/** bench/per-request.svg: median per-request time by variant and engine, both parts of the benchmark. */
export function perRequestChart(run: BreakdownRun, perRequest: PerRequestResult[], quick: boolean, date: string): string {
  const engines = perRequest.map((r) => r.engine);
  const main = VARIANTS.map((v) => ({ label: v, values: perRequest.map((r) => median(r.results[v].perRequestMs)) }));
  const others = main.filter((r) => r.label !== 'jsrsasign-per-request').flatMap((r) => r.values);
  const derived = run.results.map((r) => derive(r));
  const names = derived[0]!.map((d) => d.name);
  const breakdownRows = names.map((name) => ({ label: name, values: derived.map((ds) => ds.find((d) => d.name === name)!.itemMs) }));
  const clip = Math.max(...others, ...breakdownRows.flatMap((r) => r.values)) * 1.15;
  return barChart({
    title: 'netsuite-postman: median time per request, by variant and engine',
    subtitle: `npm run bench${quick ? ' --quick (smoke run: not meaningful)' : ''}, ${date}; loopback echo server; lower is better; details in bench/RESULTS.md`,
    unit: 'ms per request (median, beforeItem → item)',
    series: engines.map((e) => ({ name: ENGINE_LABEL[e], color: COLORS[e] })),
    sections: [
      { title: 'Generated collection, token cached (section 1–2)', rows: main },
      { title: 'Breakdown and design experiments (sections 7–8)', rows: breakdownRows },
    ],
    clipAt: clip,
  });
}
