// Per-cycle scratch space (upstream's CycleState): PreFilter/PreScore compute something once
// per pod and Filter/Score read it per node. A new one is made for every scheduling attempt.

import type { VerdictRecorder } from './verdicts.js';

export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not called this cycle. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not called this cycle. */
  readonly skipScore = new Set<string>();
  /** Set when the profile records per-pod verdicts; the framework reports into it. */
  verdicts: VerdictRecorder | undefined;

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
}
