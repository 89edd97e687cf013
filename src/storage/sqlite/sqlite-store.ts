// The embedded Store: a log-structured table in one SQLite file (see README.md). This
// class checks arguments and wires the parts: GroupCommitter (writes), Reader (reads),
// WatchHub + SqliteWatcher (watches), Compactor and AutoCompactor (compaction).
import type Database from 'better-sqlite3';
import { StoreClosedError, ValueTooLargeError } from '../errors.js';
import { MAX_VALUE_BYTES } from '../store.js';
import type {
  DeleteResult,
  GetOptions,
  ListOptions,
  ListResult,
  Store,
  StoredValue,
  WatchOptions,
  Watcher,
} from '../store.js';
import { AutoCompactor } from './auto-compaction.js';
import { Compactor } from './compaction.js';
import { openDatabase } from './database.js';
import { GroupCommitter, walFileSync, type WalSync } from './group-commit.js';
import type { CommitStats } from './group-commit.js';
import { prefixRange } from './key-range.js';
import type { Durability, SqliteStoreOptions } from './options.js';
import { Reader } from './reader.js';
import { prepareStatements } from './statements.js';
import type { StoreState } from './state.js';
import { WatchHub } from './watch-hub.js';
import { SqliteWatcher } from './watcher.js';

const DEFAULT_WATCH_BUFFER = 10_000;

/** Pragmas in effect, for tests and diagnostics. */
export interface SqliteSettings {
  readonly journalMode: string;
  readonly synchronous: 'FULL' | 'NORMAL' | 'OTHER';
  readonly lockingMode: string;
  /** Whether the store itself syncs the WAL before acknowledging a commit. */
  readonly walSyncedPerCommit: boolean;
}

export class SqliteStore implements Store {
  readonly path: string;
  readonly durability: Durability;
  private readonly state: StoreState;
  private readonly hub = new WatchHub();
  private readonly writer: GroupCommitter;
  private readonly walSync: WalSync | undefined;
  private readonly reader: Reader;
  private readonly compactor: Compactor;
  private readonly auto: AutoCompactor | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
    opened: { currentRevision: number; compactedRevision: number; compactProgress: number },
  ) {
    this.path = options.path;
    this.durability = options.durability ?? 'full';
    this.state = {
      current: opened.currentRevision,
      compacted: opened.compactedRevision,
      compactProgress: opened.compactProgress,
      closed: false,
    };
    const sql = prepareStatements(db);
    this.walSync = this.durability === 'full' ? walFileSync(options.path) : undefined;
    this.writer = new GroupCommitter(db, sql, this.state, (events) => this.hub.publish(events), this.walSync);
    this.reader = new Reader(sql, this.state);
    this.compactor = new Compactor(db, sql, this.state);
    if (options.compaction !== false) {
      this.auto = new AutoCompactor(
        {
          currentRevision: () => this.state.current,
          compactedRevision: () => this.state.compacted,
          compact: (revision) => this.compactor.compact(revision),
        },
        options.compaction,
      );
      this.auto.start();
    }
  }

  /** Opens the store synchronously. Throws StoreOpenError. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const { db, ...opened } = openDatabase(options.path);
    return new SqliteStore(db, options, opened);
  }

  get(key: string, options?: GetOptions): Promise<StoredValue | undefined> {
    return this.read(() => this.reader.get(key, options?.atRevision));
  }

  list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    return this.read(() => this.reader.list(prefix, options));
  }

  count(prefix: string): Promise<number> {
    return this.read(() => this.reader.count(prefix));
  }

  create(key: string, value: Uint8Array): Promise<StoredValue> {
    const refused = this.refuseWrite(key, value);
    // Copied: the caller may reuse its buffer before the batch is committed.
    return refused ?? this.writer.create(key, Buffer.from(value));
  }

  update(key: string, value: Uint8Array, expectedRevision: number): Promise<StoredValue> {
    const refused = this.refuseWrite(key, value);
    return refused ?? this.writer.update(key, Buffer.from(value), expectedRevision);
  }

  delete(key: string, expectedRevision?: number): Promise<DeleteResult> {
    if (this.state.closed) return Promise.reject(new StoreClosedError());
    return this.writer.delete(key, expectedRevision);
  }

  watch(prefix: string, fromRevision: number, options?: WatchOptions): Watcher {
    const bufferSize = Math.max(1, options?.bufferSize ?? DEFAULT_WATCH_BUFFER);
    const watcher = new SqliteWatcher(prefix, prefixRange(prefix), fromRevision, bufferSize, {
      state: this.state,
      readHistory: (range, after, upto, limit) => this.reader.history(range, after, upto, limit),
      detach: (w) => this.hub.remove(w),
    });
    if (this.state.closed) watcher.fail(new StoreClosedError());
    else this.hub.add(watcher);
    return watcher;
  }

  compact(revision: number): Promise<void> {
    return this.compactor.compact(revision);
  }

  compactedRevision(): Promise<number> {
    return this.read(() => this.state.compacted);
  }

  currentRevision(): Promise<number> {
    return this.read(() => this.state.current);
  }

  /** Commits what is queued, ends the watches, waits for a running compaction chunk, closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** Counters of the group commit: `commits` transactions for `writes` writes. */
  stats(): CommitStats & { readonly watchers: number } {
    return { ...this.writer.stats(), watchers: this.hub.size };
  }

  /** The pragmas in effect. */
  settings(): SqliteSettings {
    const sync = this.db.pragma('synchronous', { simple: true });
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: sync === 2 ? 'FULL' : sync === 1 ? 'NORMAL' : 'OTHER',
      lockingMode: String(this.db.pragma('locking_mode', { simple: true })),
      walSyncedPerCommit: this.walSync !== undefined,
    };
  }

  /** Runs one round of automatic compaction now (tests; the timer does it otherwise). */
  runAutoCompaction(): Promise<void> {
    return this.auto?.tick() ?? Promise.resolve();
  }

  private async shutdown(): Promise<void> {
    this.writer.flush();
    this.state.closed = true;
    await this.writer.idle();
    await this.walSync?.close();
    this.auto?.stop();
    this.hub.closeAll();
    await this.compactor.idle();
    this.db.close();
  }

  private read<T>(fn: () => T): Promise<T> {
    if (this.state.closed) return Promise.reject(new StoreClosedError());
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  private refuseWrite(key: string, value: Uint8Array): Promise<never> | undefined {
    if (this.state.closed) return Promise.reject(new StoreClosedError());
    if (value.byteLength > MAX_VALUE_BYTES) return Promise.reject(new ValueTooLargeError(key, value.byteLength, MAX_VALUE_BYTES));
    return undefined;
  }
}

/** Opens the embedded store at `options.path` (created when missing). Rejects with StoreOpenError. */
export function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  try {
    return Promise.resolve(SqliteStore.open(options));
  } catch (err) {
    return Promise.reject(err as Error);
  }
}
