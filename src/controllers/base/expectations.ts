// Expectations (upstream's ControllerExpectations and UIDTrackingExpectations): after a
// controller creates or deletes pods it records how many creations and which deletions it
// waits to see in its informer; until it has seen them (or they time out) its cache is
// stale for that controller, and sync must not create or delete again, or it would act twice.

import { realClock, type Clock } from '../../client/index.js';

/** Upstream's ExpectationsTimeout: a lost watch event cannot block a controller for longer. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Record {
  adds: number;
  /** Keys of pods whose deletion is awaited. */
  readonly deletes: Set<string>;
  readonly since: number;
}

/**
 * Per-controller-key expectations.
 * Contract: satisfied(key) is true when nothing is recorded for key, when every expected
 * creation and deletion was observed, or when the record is older than the timeout.
 */
export class Expectations {
  private readonly records = new Map<string, Record>();

  constructor(private readonly clock: Clock = realClock) {}

  satisfied(key: string): boolean {
    const record = this.records.get(key);
    if (record === undefined) return true;
    if (record.adds <= 0 && record.deletes.size === 0) return true;
    return this.clock.now() - record.since > EXPECTATIONS_TIMEOUT_MS;
  }

  /** Replaces the record of `key`: `adds` creations awaited. */
  expectCreations(key: string, adds: number): void {
    this.records.set(key, { adds, deletes: new Set(), since: this.clock.now() });
  }

  /** Replaces the record of `key`: the deletion of each of `podKeys` awaited. */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.records.set(key, { adds: 0, deletes: new Set(podKeys), since: this.clock.now() });
  }

  /** One awaited creation happened (or will not: a failed create lowers the count too). */
  creationObserved(key: string): void {
    const record = this.records.get(key);
    if (record !== undefined) record.adds--;
  }

  /** The deletion of `podKey` happened (or will not). */
  deletionObserved(key: string, podKey: string): void {
    this.records.get(key)?.deletes.delete(podKey);
  }

  delete(key: string): void {
    this.records.delete(key);
  }
}
