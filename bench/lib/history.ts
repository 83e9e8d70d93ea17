/**
 * bench/history.jsonl: one JSON line per FULL `npm run bench` (never --quick), appended by
 * bench/run.ts, committed with the repository. Issue 13 is done when the targets hold in three
 * consecutive full runs; this module reads the history back and decides that, for the bundles
 * being measured (identified by the sha256 of both collection-level hooks), and renders the
 * "Target runs" section of bench/RESULTS.md. Pure: text in, values and markdown lines out.
 */

/** The variants graded against the empty-hook baseline. */
export const GRADED = ['m2m', 'authcode', 'tba'] as const;
export type Graded = (typeof GRADED)[number];
export type Targets = Record<Graded, number>;
/** Issue 13: m2m and authcode ≤ 1.05×, tba ≤ 1.08× the empty-hook baseline, in both engines. */
export const TARGETS: Targets = { m2m: 1.05, authcode: 1.05, tba: 1.08 };
export const ENGINES = ['newman', 'app'] as const;
export type Design = 'runs' | 'requests';
export const designOf = (entry: HistoryEntry): Design => entry.plan?.design ?? 'runs';

export interface VariantOutcome {
  /** Median per-request time ÷ the baseline's median (same engine, same interleaved rounds). */
  ratio: number;
  /** Median per-request time − the baseline's, ms. */
  overBaselineMs: number;
}

export interface HistoryEntry {
  date: string;
  /** Short sha of HEAD when the run started. */
  commit: string;
  /** Uncommitted changes (other than the bench's own outputs) when the run started. */
  dirty: boolean;
  /** sha256 (first 12 hex digits) of the two collection-level hooks measured (dist snapshot). */
  bundles: { prerequest: string; test: string };
  engines: Record<string, Record<Graded, VariantOutcome>>;
  /** The targets the run was graded against when it ran (the verdict uses the current ones). */
  targets: Targets;
  /** 1-minute load average sampled during the run. */
  load: { min: number; median: number; max: number; cores: number };
  /** Whole benchmark, after the build. */
  wallSeconds: number;
  /** Seconds per section (also the next run's progress estimate). */
  sections?: Record<string, number>;
  /**
   * How the graded per-request section was measured: `runs` (absent in older lines: each variant a
   * short Newman run, rounds × requests per round) or `requests` (long runs interleaved request by
   * request, sessions × cycles). Runs of different designs are not counted together.
   */
  plan?: { design?: Design; rounds?: number; perRound?: number; sessions?: number; cycles?: number };
}

export interface ParsedHistory {
  entries: HistoryEntry[];
  /** 1-based line numbers that were not a history entry (reported, never fatal). */
  badLines: number[];
}

function isEntry(value: unknown): value is HistoryEntry {
  const e = value as HistoryEntry;
  if (!e || typeof e !== 'object' || typeof e.date !== 'string' || typeof e.commit !== 'string') return false;
  if (!e.bundles || typeof e.bundles.prerequest !== 'string' || typeof e.bundles.test !== 'string') return false;
  if (!e.engines || typeof e.engines !== 'object') return false;
  return ENGINES.every((engine) => GRADED.every((v) => typeof e.engines[engine]?.[v]?.ratio === 'number'));
}

export function parseHistory(text: string): ParsedHistory {
  const entries: HistoryEntry[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value = JSON.parse(line) as unknown;
      if (isEntry(value)) entries.push(value);
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { entries, badLines };
}

export const formatEntry = (entry: HistoryEntry): string => `${JSON.stringify(entry)}\n`;

export const sameBundles = (a: HistoryEntry['bundles'], b: HistoryEntry['bundles']): boolean => a.prerequest === b.prerequest && a.test === b.test;

/** Every graded variant in every engine against `targets`; `misses` names each one over. */
export function gradeEntry(entry: HistoryEntry, targets: Targets = TARGETS): { met: boolean; misses: string[] } {
  const misses: string[] = [];
  for (const engine of ENGINES) {
    for (const v of GRADED) {
      const outcome = entry.engines[engine]?.[v];
      if (!outcome || !Number.isFinite(outcome.ratio)) misses.push(`${engine}/${v} not measured`);
      else if (outcome.ratio > targets[v]) misses.push(`${engine}/${v} ${outcome.ratio.toFixed(3)}× > ${targets[v].toFixed(2)}×`);
    }
  }
  return { met: misses.length === 0, misses };
}

export interface ConsecutiveVerdict {
  met: boolean;
  /** One sentence: why yes or why not. */
  reason: string;
  /** The last `n` full runs of the history (any bundles), oldest first. */
  considered: HistoryEntry[];
}

/**
 * "Met in n consecutive runs": the last n full runs in the history (in the order they ran, of any
 * bundles) must all have measured `bundles` with the benchmark design `design` and all have met
 * every target in both engines. A run of other bundles or another design among them breaks the
 * streak: its numbers say nothing about these bundles as measured now.
 */
export function consecutiveVerdict(entries: HistoryEntry[], bundles: HistoryEntry['bundles'], targets: Targets = TARGETS, n = 3, design: Design = 'runs'): ConsecutiveVerdict {
  const considered = entries.slice(-n);
  if (considered.length < n) {
    return { met: false, reason: `only ${entries.length} full run${entries.length === 1 ? '' : 's'} in bench/history.jsonl, ${n} needed`, considered };
  }
  const other = considered.filter((e) => !sameBundles(e.bundles, bundles));
  if (other.length) return { met: false, reason: `${other.length} of the last ${n} full runs measured other bundles`, considered };
  const otherDesign = considered.filter((e) => designOf(e) !== design);
  if (otherDesign.length) return { met: false, reason: `${otherDesign.length} of the last ${n} full runs used another benchmark design than "${design}"`, considered };
  const missed = considered.map((e) => ({ e, grade: gradeEntry(e, targets) })).filter((x) => !x.grade.met);
  if (missed.length) {
    return { met: false, reason: `${missed.length} of the last ${n} full runs missed a target (${missed.map((x) => `${x.e.date.slice(0, 16)}: ${x.grade.misses.join(', ')}`).join('; ')})`, considered };
  }
  return { met: true, reason: `the last ${n} full runs all measured these bundles and met every target in both engines`, considered };
}

const table = (header: string[], rows: string[][]): string[] => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];

function runRow(entry: HistoryEntry, targets: Targets): string[] {
  const cells: string[] = [`${entry.date.slice(0, 16).replace('T', ' ')} UTC`, `\`${entry.commit}\`${entry.dirty ? ' (dirty)' : ''}`];
  for (const engine of ENGINES) {
    for (const v of GRADED) {
      const o = entry.engines[engine]![v];
      const over = `${o.overBaselineMs >= 0 ? '+' : '−'}${Math.abs(o.overBaselineMs).toFixed(2)} ms`;
      cells.push(`${o.ratio.toFixed(3)}× ${o.ratio <= targets[v] ? '' : '**✗** '}(${over})`);
    }
  }
  const grade = gradeEntry(entry, targets);
  cells.push(designOf(entry), grade.met ? 'yes' : '**no**', `${entry.load.min.toFixed(2)} / ${entry.load.median.toFixed(2)} / ${entry.load.max.toFixed(2)}`, `${entry.wallSeconds.toFixed(0)} s`);
  return cells;
}

/**
 * The "Target runs" section: the last `limit` full runs of the current bundles (newest last), the
 * verdict over the last three full runs, and the runs of other bundles summarized apart.
 */
export function targetRunsSection(entries: HistoryEntry[], bundles: HistoryEntry['bundles'], opts: { targets?: Targets; limit?: number; thisRunRecorded: boolean; badLines?: number[]; design?: Design }): string[] {
  const targets = opts.targets ?? TARGETS;
  const limit = opts.limit ?? 10;
  const verdict = consecutiveVerdict(entries, bundles, targets, 3, opts.design ?? 'runs');
  const current = entries.filter((e) => sameBundles(e.bundles, bundles));
  const out: string[] = [];
  out.push('## Target runs');
  out.push('');
  out.push(
    `Every full \`npm run bench\` (not \`--quick\`) appends one line to bench/history.jsonl (committed). Targets (issue 13), ratio of median per-request time to the empty-hook baseline measured in the same interleaved rounds, in both engines: ` +
      `m2m ≤ ${targets.m2m.toFixed(2)}×, authcode ≤ ${targets.authcode.toFixed(2)}×, tba ≤ ${targets.tba.toFixed(2)}×. ` +
      `Bundles measured now: collection-prerequest.js sha256 \`${bundles.prerequest}\`, collection-test.js sha256 \`${bundles.test}\`. ` +
      'Column "design": `requests` = long runs interleaved request by request (bench/lib/interleave.ts, since 2026-12-03 16:00 UTC), `runs` = the design before it (short runs interleaved whole); only runs of the current design count towards the verdict.' +
      (opts.thisRunRecorded ? ' This run is the last line below.' : ' **This run is not recorded** (--quick runs never are).'),
  );
  out.push('');
  out.push(`**Met in 3 consecutive runs: ${verdict.met ? 'yes' : 'no'}** — ${verdict.reason}.`);
  out.push('');
  if (current.length) {
    const shown = current.slice(-limit);
    out.push(`Full runs of these bundles (${shown.length} of ${current.length}, oldest first; ✗ = over its target; load = 1-min load average min / median / max on the run's cores):`);
    out.push('');
    out.push(
      ...table(
        ['date', 'commit', ...ENGINES.flatMap((e) => GRADED.map((v) => `${e} ${v}`)), 'design', 'all met', 'load', 'wall'],
        shown.map((e) => runRow(e, targets)),
      ),
    );
  } else {
    out.push('No full run of these bundles is recorded yet.');
  }
  out.push('');
  const others = new Map<string, HistoryEntry[]>();
  for (const e of entries) {
    if (sameBundles(e.bundles, bundles)) continue;
    const key = `${e.bundles.prerequest}/${e.bundles.test}`;
    others.set(key, [...(others.get(key) ?? []), e]);
  }
  if (others.size) {
    out.push('Runs of other bundle versions (not evidence for the bundles above; summarized, newest last):');
    out.push('');
    out.push(
      ...table(
        ['hooks (pre / test sha256)', 'full runs', 'first → last', 'commits', 'runs meeting every target', 'worst ratio per variant (both engines)'],
        [...others.entries()].map(([key, runs]) => [
          `\`${key}\``,
          String(runs.length),
          `${runs[0]!.date.slice(0, 16).replace('T', ' ')} → ${runs[runs.length - 1]!.date.slice(0, 16).replace('T', ' ')}`,
          [...new Set(runs.map((r) => r.commit))].map((c) => `\`${c}\``).join(', '),
          String(runs.filter((r) => gradeEntry(r, targets).met).length),
          GRADED.map((v) => `${v} ${Math.max(...runs.flatMap((r) => ENGINES.map((en) => r.engines[en]![v].ratio))).toFixed(3)}×`).join(', '),
        ]),
      ),
    );
    out.push('');
  }
  if (opts.badLines?.length) {
    out.push(`bench/history.jsonl lines not read (not a history entry): ${opts.badLines.join(', ')}.`);
    out.push('');
  }
  return out;
}
