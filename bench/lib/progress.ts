/**
 * Progress of `npm run bench`: which section runs, how long the run has taken, and an estimate of
 * what remains. The estimate starts from per-section guesses (the last full run's section times
 * from bench/history.jsonl when there is one, else built-in numbers) and corrects them by how fast
 * this run has been so far. Printing only; nothing here is asserted.
 */
import { duration, elapsedSeconds, log } from './stats.ts';

export interface SectionState {
  key: string;
  label: string;
  /** Guessed seconds for the whole section. */
  estimate: number;
  /** Seconds since the benchmark started (elapsedSeconds()). */
  started?: number;
  finished?: number;
  /** Share of the section done (0..1) when it reports rounds. */
  fraction?: number;
}

/**
 * Seconds left: finished sections tell how far off the guesses are (actual ÷ guessed, clamped to
 * 0.5–2); the running section extrapolates from its own fraction done when it reports one, else
 * its scaled guess minus the time already spent; sections not yet started count their scaled guess.
 */
export function remainingSeconds(sections: SectionState[], now: number): number {
  const done = sections.filter((s) => s.started !== undefined && s.finished !== undefined);
  const guessed = done.reduce((a, s) => a + s.estimate, 0);
  const actual = done.reduce((a, s) => a + (s.finished! - s.started!), 0);
  const scale = guessed > 0 ? Math.min(2, Math.max(0.5, actual / guessed)) : 1;
  let left = 0;
  for (const s of sections) {
    if (s.finished !== undefined) continue;
    if (s.started === undefined) {
      left += s.estimate * scale;
      continue;
    }
    const spent = Math.max(0, now - s.started);
    if (s.fraction !== undefined && s.fraction > 0) left += (spent * (1 - Math.min(1, s.fraction))) / Math.min(1, s.fraction);
    else left += Math.max(0, s.estimate * scale - spent);
  }
  return left;
}

export class Progress {
  readonly sections: SectionState[];

  constructor(plan: Array<{ key: string; label: string; estimate: number }>) {
    this.sections = plan.map((p) => ({ ...p }));
  }

  private find(key: string): SectionState {
    const s = this.sections.find((x) => x.key === key);
    if (!s) throw new Error(`bench progress: no section "${key}"`);
    return s;
  }

  status(): string {
    const now = elapsedSeconds();
    return `elapsed ${duration(now)}, about ${duration(remainingSeconds(this.sections, now))} left`;
  }

  begin(key: string, detail = ''): void {
    const s = this.find(key);
    s.started = elapsedSeconds();
    log(`${s.label}${detail ? `: ${detail}` : ''} (${this.status()})`);
  }

  /** The running section is `fraction` done (e.g. round 3 of 6). */
  step(key: string, fraction: number): string {
    this.find(key).fraction = fraction;
    return this.status();
  }

  end(key: string): number {
    const s = this.find(key);
    s.finished = elapsedSeconds();
    return s.finished - (s.started ?? s.finished);
  }

  /** Seconds each finished section took, for bench/history.jsonl. */
  seconds(): Record<string, number> {
    return Object.fromEntries(this.sections.filter((s) => s.finished !== undefined).map((s) => [s.key, Math.round((s.finished! - s.started!) * 10) / 10]));
  }
}
