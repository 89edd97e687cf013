// compact(revision): forget history at and below a revision. The compacted revision is
// recorded first (reads and watches below it fail from then on), then the rows no read
// at or above it can need are deleted in small transactions, yielding to the event loop
// between them so that writes and reads go on:
// - every row superseded by a row at or below the revision (found through the
//   superseding row's prev_revision);
// - every tombstone at or below the revision.
// The newest row of each live key is kept, so the state at the revision stays readable,
// as does the previous value of every change above it. Progress is recorded with each
// chunk; what a compaction cut short (crash, close) left is deleted by the next one,
// which starts from the recorded progress. Until then it is only unused history.
import type Database from 'better-sqlite3';
import { FutureRevisionError, StoreClosedError } from '../errors.js';
import type { Statements } from './statements.js';
import type { StoreState } from './state.js';

/** Revisions processed per transaction; small enough to keep each pause short. */
const CHUNK_REVISIONS = 2000;

export class Compactor {
  /** The running compaction; compactions run one after another. */
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: Statements,
    private readonly state: StoreState,
  ) {}

  /**
   * Compacts at `revision`. A revision at or below the compacted one moves nothing (it
   * only finishes deleting what an interrupted compaction left); one above the current
   * revision fails with FutureRevisionError. Resolves when the rows are deleted.
   */
  compact(revision: number): Promise<void> {
    if (this.state.closed) return Promise.reject(new StoreClosedError());
    if (revision > this.state.current) return Promise.reject(new FutureRevisionError(revision, this.state.current));
    if (revision > this.state.compacted) {
      this.sql.setMeta.run({ name: 'compacted', value: revision });
      this.state.compacted = revision;
    }
    // An earlier failure was reported to its caller; this run tries again from its progress.
    this.running = this.running.catch(() => undefined).then(() => this.deleteRows());
    return this.running;
  }

  /** Resolves when no compaction is running. Never rejects. */
  idle(): Promise<void> {
    return this.running.catch(() => undefined);
  }

  private async deleteRows(): Promise<void> {
    while (this.state.compactProgress < this.state.compacted && !this.state.closed) {
      const lo = this.state.compactProgress;
      const hi = Math.min(lo + CHUNK_REVISIONS, this.state.compacted);
      this.db.transaction(() => {
        // Superseded rows first: the tombstones deleted next still point at them.
        this.sql.deleteSuperseded.run({ lo, hi });
        this.sql.deleteTombstones.run({ lo, hi });
        this.sql.setMeta.run({ name: 'compact_progress', value: hi });
      })();
      this.state.compactProgress = hi;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
