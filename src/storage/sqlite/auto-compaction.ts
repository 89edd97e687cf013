// Automatic compaction: on a timer, compact at the newest revision that is both at least
// `minRevisions` behind the current one and at least `minAgeMs` old. The age of a
// revision is known from samples (time, current revision) taken at every tick: the
// revision current at a sample taken `minAgeMs` ago is at least that old. After a
// restart nothing is old enough until `minAgeMs` has passed, which errs on keeping more.
import type { AutoCompactionOptions } from './options.js';
import { DEFAULT_COMPACTION } from './options.js';

/** What automatic compaction drives. */
export interface CompactionTarget {
  currentRevision(): number;
  compactedRevision(): number;
  compact(revision: number): Promise<void>;
}

interface Sample {
  readonly at: number;
  readonly revision: number;
}

export class AutoCompactor {
  private readonly minRevisions: number;
  private readonly minAgeMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  /** The error of the last failed automatic compaction, if the last one failed. */
  lastError: unknown;

  constructor(
    private readonly target: CompactionTarget,
    options: AutoCompactionOptions = {},
  ) {
    this.minRevisions = options.minRevisions ?? DEFAULT_COMPACTION.minRevisions;
    this.minAgeMs = options.minAgeMs ?? DEFAULT_COMPACTION.minAgeMs;
    this.intervalMs = options.intervalMs ?? DEFAULT_COMPACTION.intervalMs;
    this.now = options.now ?? Date.now;
    this.sample();
  }

  /** Starts the timer; it does not keep the process alive. */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: sample the clock, compact when the limits allow. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      this.sample();
      const revision = this.compactionRevision();
      if (revision > this.target.compactedRevision()) await this.target.compact(revision);
      this.lastError = undefined;
    } catch (err) {
      // Kept for inspection; the next tick tries again.
      this.lastError = err;
    } finally {
      this.ticking = false;
    }
  }

  /** The newest revision both limits allow compacting at (0: none). */
  compactionRevision(): number {
    const byCount = this.target.currentRevision() - this.minRevisions;
    const cutoff = this.now() - this.minAgeMs;
    let byAge = 0;
    for (const sample of this.samples) if (sample.at <= cutoff) byAge = sample.revision;
    return Math.max(0, Math.min(byCount, byAge));
  }

  private sample(): void {
    const at = this.now();
    this.samples.push({ at, revision: this.target.currentRevision() });
    // Only the newest sample old enough to use is needed from the old ones.
    const cutoff = at - this.minAgeMs;
    let oldEnough = -1;
    this.samples.forEach((s, i) => {
      if (s.at <= cutoff) oldEnough = i;
    });
    if (oldEnough > 0) this.samples = this.samples.slice(oldEnough);
  }
}
