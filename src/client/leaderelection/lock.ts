// What leader election reads and writes: one record naming the holder, kept in a
// resource that supports optimistic concurrency (a Lease). Upstream's resourcelock.

/** The state of an election, as stored in the lock. Times are ms since the epoch. */
export interface LeaderElectionRecord {
  /** '' when nobody holds the lock (after a release). */
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  readonly acquireTime: number;
  readonly renewTime: number;
  readonly leaderTransitions: number;
}

/**
 * A lock object holding a LeaderElectionRecord.
 * Contract:
 * - `get` returns the record and a string that changes whenever the stored record does;
 *   it rejects with an APIError NotFound when the lock object does not exist;
 * - `create` creates the lock object (rejects with AlreadyExists if another did first);
 * - `update` writes the record over the version this lock last read or wrote, and
 *   rejects with a Conflict if anyone wrote it since: two candidates can never both
 *   succeed from the same observed version;
 * - every call gives up when `signal` aborts.
 */
export interface ResourceLock {
  /** This candidate's identity. */
  readonly identity: string;
  /** `namespace/name` of the lock, for logs. */
  describe(): string;
  get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }>;
  create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
}
