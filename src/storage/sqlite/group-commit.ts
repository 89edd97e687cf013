// Group commit: writes that arrive in the same turn of the event loop are applied in one
// transaction, in arrival order, and committed together. A conflict is decided against
// the state the earlier writes left, including batches committed but not yet
// acknowledged, since every batch runs on the one connection.
//
// With `durability: 'full'` the WAL is then synced by fdatasync on libuv's thread pool,
// not by SQLite inside COMMIT: the event loop keeps serving requests while the disk
// works, and batches committed during one sync share the next. Callers are answered,
// events published and `state.current` (the revision reads see) advanced only once the
// batch is on disk, in commit order.
import { fdatasync, open, close as closeFd } from 'node:fs';
import type Database from 'better-sqlite3';
import { ConflictError, KeyExistsError, KeyNotFoundError, StoreUnavailableError } from '../errors.js';
import type { StoreError } from '../errors.js';
import type { DeleteResult, StoreEvent, StoredValue } from '../store.js';
import { createEvent, deleteEvent, updateEvent } from './events.js';
import type { Previous } from './events.js';
import type { LatestRow, Statements } from './statements.js';
import type { StoreState } from './state.js';

type PendingWrite =
  | { readonly kind: 'create'; readonly key: string; readonly value: Buffer; resolve(v: StoredValue): void; reject(e: unknown): void }
  | {
      readonly kind: 'update';
      readonly key: string;
      readonly value: Buffer;
      readonly expected: number;
      resolve(v: StoredValue): void;
      reject(e: unknown): void;
    }
  | { readonly kind: 'delete'; readonly key: string; readonly expected: number | undefined; resolve(v: DeleteResult): void; reject(e: unknown): void };

/** Counters for observability and tests. */
export interface CommitStats {
  /** Transactions committed. */
  readonly commits: number;
  /** Writes that created a revision. */
  readonly writes: number;
}

/** A committed batch waiting for its WAL sync before anyone hears of it. */
interface CommittedBatch {
  readonly revision: number;
  readonly events: StoreEvent[];
  readonly outcomes: Array<[PendingWrite, StoreEvent | StoreError]>;
}

export class GroupCommitter {
  private queue: PendingWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private commits = 0;
  private writes = 0;
  /** Revision of the newest committed batch (≥ state.current while syncs are pending). */
  private committed: number;
  private awaitingSync: CommittedBatch[] = [];
  private syncing: Promise<void> | undefined;
  /** Set when a WAL sync failed: what is on disk is unknown, so no write is accepted again. */
  private broken: StoreUnavailableError | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly sql: Statements,
    private readonly state: StoreState,
    /** Receives the events of each acknowledged batch, before any caller is answered. */
    private readonly publish: (events: readonly StoreEvent[]) => void,
    /** Makes committed batches durable; absent when they are acknowledged at commit ('process' durability). */
    private readonly walSync?: WalSync,
  ) {
    this.committed = state.current;
  }

  create(key: string, value: Buffer): Promise<StoredValue> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'create', key, value, resolve, reject }));
  }

  update(key: string, value: Buffer, expected: number): Promise<StoredValue> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'update', key, value, expected, resolve, reject }));
  }

  delete(key: string, expected: number | undefined): Promise<DeleteResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'delete', key, expected, resolve, reject }));
  }

  stats(): CommitStats {
    return { commits: this.commits, writes: this.writes };
  }

  /** Commits what is queued now, synchronously (used by close; wait for idle() after it). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.commitBatch(batch);
  }

  /** Resolves once every committed batch is synced and acknowledged. */
  async idle(): Promise<void> {
    while (this.syncing !== undefined) await this.syncing;
  }

  private enqueue(write: PendingWrite): void {
    if (this.broken !== undefined) {
      write.reject(this.broken);
      return;
    }
    this.queue.push(write);
    // setImmediate, not a microtask: it runs after the I/O callbacks of this turn, so
    // requests read from many sockets in one turn share the commit.
    this.scheduled ??= setImmediate(() => this.flush());
  }

  private commitBatch(batch: PendingWrite[]): void {
    const outcomes: Array<[PendingWrite, StoreEvent | StoreError]> = [];
    const events: StoreEvent[] = [];
    let revision = this.committed;
    try {
      this.sql.begin.run();
      for (const write of batch) {
        const outcome = this.apply(write, revision + 1);
        if (!(outcome instanceof Error)) {
          revision = outcome.revision;
          events.push(outcome);
        }
        outcomes.push([write, outcome]);
      }
      this.sql.commit.run();
    } catch (err) {
      if (this.db.inTransaction) this.sql.rollback.run();
      const failure = new StoreUnavailableError(`store write failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      for (const write of batch) write.reject(failure);
      return;
    }
    this.committed = revision;
    this.commits++;
    this.writes += events.length;
    const committed = { revision, events, outcomes };
    if (this.walSync === undefined) this.acknowledge(committed);
    else {
      this.awaitingSync.push(committed);
      this.syncing ??= this.syncLoop(this.walSync);
    }
  }

  /** Syncs the WAL while batches wait for it; each sync covers every batch committed before it began. */
  private async syncLoop(walSync: WalSync): Promise<void> {
    while (this.awaitingSync.length > 0) {
      const batches = this.awaitingSync;
      this.awaitingSync = [];
      try {
        await walSync.sync();
      } catch (err) {
        this.fail(batches, err);
        break;
      }
      for (const batch of batches) this.acknowledge(batch);
    }
    this.syncing = undefined;
  }

  private acknowledge(batch: CommittedBatch): void {
    this.state.current = batch.revision;
    if (batch.events.length > 0) this.publish(batch.events);
    for (const [write, outcome] of batch.outcomes) settle(write, outcome);
  }

  private fail(batches: CommittedBatch[], err: unknown): void {
    this.broken = new StoreUnavailableError(`store write failed: syncing the write-ahead log: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    for (const batch of [...batches, ...this.awaitingSync]) for (const [write] of batch.outcomes) write.reject(this.broken);
    this.awaitingSync = [];
  }

  /** Checks one write against the current state and inserts its row; returns its event or the error to answer. */
  private apply(write: PendingWrite, revision: number): StoreEvent | StoreError {
    const row = this.sql.latest.get(write.key, Number.MAX_SAFE_INTEGER);
    const live = row !== undefined && row.deleted === 0 ? previous(row) : undefined;
    switch (write.kind) {
      case 'create':
        if (live !== undefined) return new KeyExistsError(write.key);
        this.sql.insert.run(revision, write.key, revision, 0, 0, write.value);
        return createEvent(write.key, revision, write.value);
      case 'update':
        if (live === undefined) return new KeyNotFoundError(write.key);
        if (live.revision !== write.expected) return conflict(write.key, write.expected, live);
        this.sql.insert.run(revision, write.key, live.createRevision, live.revision, 0, write.value);
        return updateEvent(write.key, revision, write.value, live);
      case 'delete':
        if (live === undefined) return new KeyNotFoundError(write.key);
        if (write.expected !== undefined && live.revision !== write.expected) return conflict(write.key, write.expected, live);
        this.sql.insert.run(revision, write.key, live.createRevision, live.revision, 1, null);
        return deleteEvent(write.key, revision, live);
    }
  }
}

function previous(row: LatestRow): Previous {
  return { value: row.value ?? Buffer.alloc(0), revision: row.id, createRevision: row.create_revision };
}

function conflict(key: string, expected: number, live: Previous): ConflictError {
  return new ConflictError(key, expected, { value: live.value, createRevision: live.createRevision, modRevision: live.revision });
}

function settle(write: PendingWrite, outcome: StoreEvent | StoreError): void {
  if (outcome instanceof Error) {
    write.reject(outcome);
    return;
  }
  switch (write.kind) {
    case 'create':
    case 'update':
      write.resolve({ key: outcome.key, value: write.value, createRevision: outcome.createRevision, modRevision: outcome.revision });
      return;
    case 'delete':
      write.resolve({
        prev: { key: outcome.key, value: outcome.prevValue ?? Buffer.alloc(0), createRevision: outcome.createRevision, modRevision: outcome.prevRevision ?? 0 },
        revision: outcome.revision,
      });
  }
}

/** Makes everything committed so far durable. */
export interface WalSync {
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * fdatasync of the database's `-wal` file, off the event loop. SQLite writes a commit's
 * frames to the WAL (synchronous=NORMAL) without syncing it; this sync is what
 * synchronous=FULL would have done inside COMMIT. In exclusive locking mode the file
 * exists from the first commit until the database is closed.
 */
export function walFileSync(databasePath: string): WalSync {
  let fd: Promise<number> | undefined;
  const descriptor = () =>
    (fd ??= new Promise<number>((resolve, reject) => open(`${databasePath}-wal`, 'r', (err, opened) => (err ? reject(err) : resolve(opened)))));
  return {
    async sync() {
      const opened = await descriptor();
      await new Promise<void>((resolve, reject) => fdatasync(opened, (err) => (err ? reject(err) : resolve())));
    },
    async close() {
      if (fd === undefined) return;
      const opened = await fd.catch(() => undefined);
      if (opened !== undefined) await new Promise<void>((resolve) => closeFd(opened, () => resolve()));
    },
  };
}
