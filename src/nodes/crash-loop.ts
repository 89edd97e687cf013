// A container that keeps failing, as a kubelet restarts it: it runs for `runMs`, exits,
// and is started again after a back-off that doubles from 10 s to at most 5 minutes
// (upstream's container restart back-off). Which run or back-off a moment falls in is a
// pure function of the first start, so the answer needs no memory.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

export interface CrashLoopState {
  /** How many times the container has been restarted. */
  readonly restartCount: number;
  /** Running now, or waiting out a back-off (CrashLoopBackOff). */
  readonly running: boolean;
  /** Start of the current run (running), or of the run that crashed last (waiting). */
  readonly runStartedAt: number;
  /** The last run that ended: when it started and finished. */
  readonly lastRun?: { readonly startedAt: number; readonly finishedAt: number };
  /** The back-off now being waited out, or the one that will follow the current run. */
  readonly backoffMs: number;
  /** When the state changes next. */
  readonly nextChangeAt: number;
}

export function backoffAfter(crashes: number): number {
  return Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, crashes - 1), MAX_BACKOFF_MS);
}

export function crashLoopState(firstStart: number, runMs: number, now: number): CrashLoopState {
  let runStart = firstStart;
  let restarts = 0;
  let lastRun: CrashLoopState['lastRun'];
  // At most a few hundred iterations: back-offs reach 5 minutes after 6 crashes.
  for (;;) {
    const runEnd = runStart + runMs;
    if (now < runEnd) return { restartCount: restarts, running: true, runStartedAt: runStart, lastRun, backoffMs: backoffAfter(restarts + 1), nextChangeAt: runEnd };
    const backoff = backoffAfter(restarts + 1);
    lastRun = { startedAt: runStart, finishedAt: runEnd };
    if (now < runEnd + backoff) return { restartCount: restarts, running: false, runStartedAt: runStart, lastRun, backoffMs: backoff, nextChangeAt: runEnd + backoff };
    // Whole cycles of the 5-minute cap can be skipped at once.
    if (backoff === MAX_BACKOFF_MS) {
      const cycle = runMs + MAX_BACKOFF_MS;
      const skipped = Math.floor((now - runStart) / cycle) - 1;
      if (skipped > 0) {
        runStart += skipped * cycle;
        restarts += skipped;
        continue;
      }
    }
    runStart = runEnd + backoff;
    restarts++;
  }
}
