// The mutable state that the parts of one SQLite store share. Everything runs on one
// thread and better-sqlite3 is synchronous, so each field changes only between reads.

export interface StoreState {
  /** Revision of the newest committed write. */
  current: number;
  /** Reads and watches below this revision fail with CompactedError. */
  compacted: number;
  /** Compaction has finished deleting rows up to this revision. */
  compactProgress: number;
  /** Set by close(); every later call fails with StoreClosedError. */
  closed: boolean;
}
