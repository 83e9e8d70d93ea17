import { describe, expect, it } from 'vitest';
import { consecutiveVerdict, formatEntry, gradeEntry, type HistoryEntry, parseHistory, TARGETS, targetRunsSection } from '../../bench/lib/history.ts';
import { remainingSeconds } from '../../bench/lib/progress.ts';
import { duration, median, nestedBootstrapSE, roundBootstrapSE, stdev } from '../../bench/lib/stats.ts';

const A = { prerequest: 'aaaaaaaaaaaa', test: 'bbbbbbbbbbbb' };
const B = { prerequest: 'cccccccccccc', test: 'bbbbbbbbbbbb' };

function run(bundles: HistoryEntry['bundles'], ratios: Partial<Record<string, number>> = {}, date = '2026-12-03T10:00:00.000Z'): HistoryEntry {
  const engine = (name: string) => ({
    m2m: { ratio: ratios[`${name}/m2m`] ?? 1.02, overBaselineMs: 0.3 },
    authcode: { ratio: ratios[`${name}/authcode`] ?? 1.03, overBaselineMs: 0.4 },
    tba: { ratio: ratios[`${name}/tba`] ?? 1.06, overBaselineMs: 0.9 },
  });
  return {
    date,
    commit: 'abc1234',
    dirty: false,
    bundles,
    engines: { newman: engine('newman'), app: engine('app') },
    targets: TARGETS,
    load: { min: 1, median: 1.5, max: 2, cores: 2 },
    wallSeconds: 230,
  };
}

describe('bench history', () => {
  it('targets are issue 13: m2m and authcode 1.05, tba 1.08', () => {
    expect(TARGETS).toEqual({ m2m: 1.05, authcode: 1.05, tba: 1.08 });
  });

  it('parses JSON lines back, skipping blank lines and reporting lines that are not entries', () => {
    const text = `${formatEntry(run(A))}\n{"not":"an entry"}\nnot json\n${formatEntry(run(B))}`;
    const parsed = parseHistory(text);
    expect(parsed.entries.map((e) => e.bundles)).toEqual([A, B]);
    expect(parsed.badLines).toEqual([3, 4]);
    expect(parseHistory('')).toEqual({ entries: [], badLines: [] });
  });

  it('grades every graded variant in both engines, a ratio exactly at the target meets it', () => {
    expect(gradeEntry(run(A, { 'app/tba': 1.08, 'newman/m2m': 1.05 })).met).toBe(true);
    const missed = gradeEntry(run(A, { 'app/tba': 1.081, 'newman/authcode': 1.2 }));
    expect(missed.met).toBe(false);
    expect(missed.misses).toEqual(['newman/authcode 1.200× > 1.05×', 'app/tba 1.081× > 1.08×']);
  });

  it('yes only when the last three full runs all measured these bundles and met every target', () => {
    expect(consecutiveVerdict([run(A), run(A), run(A)], A).met).toBe(true);
    expect(consecutiveVerdict([run(A, { 'newman/m2m': 1.3 }), run(A), run(A), run(A)], A).met).toBe(true);
    // Too few runs.
    const two = consecutiveVerdict([run(A), run(A)], A);
    expect(two.met).toBe(false);
    expect(two.reason).toMatch(/only 2 full runs/);
    // One of the last three missed (in one engine only).
    const miss = consecutiveVerdict([run(A), run(A, { 'app/authcode': 1.06 }), run(A)], A);
    expect(miss.met).toBe(false);
    expect(miss.reason).toMatch(/1 of the last 3 full runs missed a target .*app\/authcode 1\.060×/);
    // A run of other bundles among the last three breaks the streak, even if it met the targets.
    const other = consecutiveVerdict([run(A), run(A), run(B), run(A)], A);
    expect(other.met).toBe(false);
    expect(other.reason).toMatch(/1 of the last 3 full runs measured other bundles/);
    // Runs of other bundles do not count for the current ones.
    expect(consecutiveVerdict([run(A), run(A), run(A)], B).met).toBe(false);
  });

  it('only runs of the current benchmark design count (lines without a design are the older "runs" design)', () => {
    const requests = (e: HistoryEntry): HistoryEntry => ({ ...e, plan: { design: 'requests', sessions: 4, cycles: 125 } });
    expect(consecutiveVerdict([run(A), run(A), run(A)], A).met).toBe(true);
    expect(consecutiveVerdict([run(A), run(A), run(A)], A, TARGETS, 3, 'requests').met).toBe(false);
    const mixed = consecutiveVerdict([run(A), requests(run(A)), requests(run(A))], A, TARGETS, 3, 'requests');
    expect(mixed.met).toBe(false);
    expect(mixed.reason).toMatch(/1 of the last 3 full runs used another benchmark design than "requests"/);
    expect(consecutiveVerdict([run(A), requests(run(A)), requests(run(A)), requests(run(A))], A, TARGETS, 3, 'requests').met).toBe(true);
    const text = targetRunsSection([requests(run(A)), requests(run(A)), requests(run(A))], A, { thisRunRecorded: true, design: 'requests' }).join('\n');
    expect(text).toContain('**Met in 3 consecutive runs: yes**');
    expect(text).toMatch(/\| requests \| yes \|/);
  });

  it('the section lists the current bundles\' runs and summarizes other bundle versions apart', () => {
    const entries = [run(B, { 'app/tba': 1.3 }, '2026-12-02T09:00:00.000Z'), run(A), run(A), run(A, {}, '2026-12-03T11:00:00.000Z')];
    const text = targetRunsSection(entries, A, { thisRunRecorded: true }).join('\n');
    expect(text).toContain('**Met in 3 consecutive runs: yes**');
    expect(text).toContain('Full runs of these bundles (3 of 3');
    expect(text).toContain('2026-12-03 11:00 UTC');
    expect(text).toMatch(/Runs of other bundle versions.*\n\n.*\n.*\n\| `cccccccccccc\/bbbbbbbbbbbb` \| 1 \| 2026-12-02 09:00 → 2026-12-02 09:00 \| `abc1234` \| 0 \| m2m 1\.020×, authcode 1\.030×, tba 1\.300× \|/);
    const empty = targetRunsSection([], A, { thisRunRecorded: false }).join('\n');
    expect(empty).toContain('**Met in 3 consecutive runs: no**');
    expect(empty).toContain('**This run is not recorded**');
    expect(empty).toContain('No full run of these bundles is recorded yet.');
  });
});

describe('bench progress estimate', () => {
  const plan = () => [
    { key: 'a', label: 'a', estimate: 10 },
    { key: 'b', label: 'b', estimate: 20 },
    { key: 'c', label: 'c', estimate: 30 },
  ];
  it('is the sum of the guesses before anything ran', () => {
    expect(remainingSeconds(plan(), 0)).toBe(60);
  });
  it('scales the guesses by how slow finished sections were (clamped to 2×)', () => {
    const s = plan();
    Object.assign(s[0]!, { started: 0, finished: 15 });
    // 1.5× slower: b and c → 75 s.
    expect(remainingSeconds(s, 15)).toBeCloseTo(75);
    Object.assign(s[0]!, { finished: 100 });
    expect(remainingSeconds(s, 100)).toBeCloseTo(100);
  });
  it('extrapolates the running section from its fraction done', () => {
    const s = plan();
    Object.assign(s[0]!, { started: 0, finished: 10 });
    Object.assign(s[1]!, { started: 10, fraction: 0.25 });
    // 5 s for a quarter → 15 s more, then c's guess.
    expect(remainingSeconds(s, 15)).toBeCloseTo(15 + 30);
  });
});

describe('bench statistics helpers', () => {
  it('duration and stdev', () => {
    expect(duration(42.4)).toBe('42s');
    expect(duration(245)).toBe('4m05s');
    expect(stdev([1, 2, 3, 4])).toBeCloseTo(1.291, 3);
    expect(median([3, 1, 2])).toBe(2);
  });
  it('round bootstrap: zero when every round gives the same ratio, larger when rounds disagree, reproducible', () => {
    const steady = roundBootstrapSE([[2, 2], [2, 2], [2, 2]], [[1, 1], [1, 1], [1, 1]]);
    expect(steady).toBe(0);
    const a = [[1.1, 1.1], [1.5, 1.5], [1.0, 1.0], [1.3, 1.3]];
    const b = [[1, 1], [1, 1], [1, 1], [1, 1]];
    const se = roundBootstrapSE(a, b);
    expect(se).toBeGreaterThan(0.05);
    expect(roundBootstrapSE(a, b)).toBe(se);
    expect(Number.isNaN(roundBootstrapSE([[1]], [[1]]))).toBe(true);
  });
  it('nested bootstrap: a difference between sessions counts, which resampling blocks alone misses', () => {
    const one = [1];
    // Two sessions of three blocks: within each session every block agrees, the sessions do not.
    const a = [[1.0], [1.0], [1.0], [1.2], [1.2], [1.2]];
    const b = [one, one, one, one, one, one];
    expect(nestedBootstrapSE(a, b, 3)).toBeGreaterThan(0.05);
    expect(nestedBootstrapSE(a, b, 3)).toBe(nestedBootstrapSE(a, b, 3));
    // Sessions that agree: no error at all.
    expect(nestedBootstrapSE([[2], [2], [2], [2]], [one, one, one, one], 2)).toBe(0);
    // Shapes that are not whole sessions, or one session only.
    expect(Number.isNaN(nestedBootstrapSE(a, b, 4))).toBe(true);
    expect(Number.isNaN(nestedBootstrapSE(a, b, 6))).toBe(true);
  });
});
