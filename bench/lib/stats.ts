/** Small statistics helpers for the benchmark (no timing assertions anywhere). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function max(values: number[]): number {
  return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

export function min(values: number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
}

export const ms = (value: number, digits = 2): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a');
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

export function table(header: string[], rows: Array<Array<string | number>>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

/** Sample standard deviation (n − 1). */
export function stdev(values: number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** A small seeded PRNG (mulberry32): the bootstrap below is reproducible for the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How precisely one run pins down a ratio of medians, from its rounds: resample the rounds with
 * replacement (each round keeps its pair of samples, so drift shared within a round stays paired),
 * recompute median(all a) / median(all b) each time, return the standard deviation of those ratios.
 * `a[i]` and `b[i]` are the per-request times of round i. Deterministic for a given seed.
 */
export function roundBootstrapSE(a: number[][], b: number[][], resamples = 400, seed = 13): number {
  if (a.length !== b.length || a.length < 2) return Number.NaN;
  const random = seededRandom(seed);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const pickedA: number[] = [];
    const pickedB: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const k = Math.floor(random() * a.length);
      pickedA.push(...a[k]!);
      pickedB.push(...b[k]!);
    }
    ratios.push(median(pickedA) / median(pickedB));
  }
  return stdev(ratios);
}

/**
 * The same for rounds that come in groups (sessions of fresh runs, each split into blocks): resample
 * the groups with replacement, then the blocks within each chosen group, so what differs between
 * groups (each session's sandbox contexts) counts in the error as well as what differs between
 * blocks. `a` and `b` hold `groupSize` consecutive blocks per group.
 */
export function nestedBootstrapSE(a: number[][], b: number[][], groupSize: number, resamples = 400, seed = 13): number {
  const groups = Math.floor(a.length / groupSize);
  if (a.length !== b.length || groups < 2 || groups * groupSize !== a.length) return Number.NaN;
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const pickedA: number[] = [];
    const pickedB: number[] = [];
    for (let g = 0; g < groups; g++) {
      const group = pick(groups);
      for (let i = 0; i < groupSize; i++) {
        const k = group * groupSize + pick(groupSize);
        pickedA.push(...a[k]!);
        pickedB.push(...b[k]!);
      }
    }
    ratios.push(median(pickedA) / median(pickedB));
  }
  return stdev(ratios);
}

/** `1m05s` / `42s`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const benchStarted = Date.now();
/** Seconds since the benchmark process loaded this module (after the build). */
export const elapsedSeconds = (): number => (Date.now() - benchStarted) / 1000;

export function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)} +${duration(elapsedSeconds())}] ${line}\n`);
}
