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

  /**
   * A copy for a what-if (preemption tries each node on its own): values with a
   * `clone()` are cloned, the rest are shared, so plugins that change their state in
   * PreFilter extensions give it a clone().
   */
  clone(): CycleState {
    const copy = new CycleState();
    for (const [key, value] of this.data) copy.data.set(key, isCloneable(value) ? value.clone() : value);
    for (const name of this.skipFilter) copy.skipFilter.add(name);
    for (const name of this.skipScore) copy.skipScore.add(name);
    copy.verdicts = undefined;
    return copy;
  }
}

/** State a plugin changes after PreFilter (in its extensions) and so must copy. */
export interface Cloneable {
  clone(): unknown;
}

function isCloneable(value: unknown): value is Cloneable {
  return typeof value === 'object' && value !== null && typeof (value as { clone?: unknown }).clone === 'function';
}
