// The delay before a failed Job gets a replacement pod (upstream's pod-failure back-off):
// base × 2^(failures−1) after the latest failure, capped; upstream's base is 10 s, cap 6 min.

export const DEFAULT_BACKOFF_BASE_MS = 10_000;
export const DEFAULT_BACKOFF_MAX_MS = 6 * 60_000;

export interface BackoffSettings {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Milliseconds still to wait at `now` after `failures` failures, the last one at `lastFailureAt`. */
export function remainingBackoff(settings: BackoffSettings, failures: number, lastFailureAt: number | undefined, now: number): number {
  if (failures <= 0 || lastFailureAt === undefined) return 0;
  const delay = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.max(0, lastFailureAt + delay - now);
}
