// The Store: a versioned key-value store with compare-and-swap and ordered watches,
// modelled on etcd v3 MVCC. Everything above src/storage sees only this interface;
// the backends (sqlite/, etcd/) implement it and pass one contract suite
// (contract.testing.ts).

/** One key at one revision. */
export interface StoredValue {
  readonly key: string;
  /** Opaque bytes; the store never looks inside. */
  readonly value: Uint8Array;
  /** Revision of the write that created this key (unchanged by later updates). */
  readonly createRevision: number;
  /** Revision of the write that produced this value. Objects' resourceVersion. */
  readonly modRevision: number;
}

export interface GetOptions {
  /**
   * Read the key as it was at this revision (0 or absent: the current revision). Fails
   * with CompactedError below the compacted revision, and with FutureRevisionError above
   * the current revision.
   */
  readonly atRevision?: number;
}

export interface ListOptions {
  /**
   * Read the prefix as it was at this revision (0 or absent: the current revision).
   * Fails with CompactedError when the revision is compacted, and with
   * FutureRevisionError when it is above the current revision.
   */
  readonly atRevision?: number;
  /** At most this many items (0 or absent: no limit). */
  readonly limit?: number;
  /**
   * The `continue` token of a previous page. The next page is read at the same revision
   * as the first, so that pages form one consistent snapshot while writes go on.
   * Wins over `atRevision`. A malformed token is an InvalidContinueError.
   */
  readonly continue?: string;
}

export interface ListResult {
  /** Items in ascending key order. */
  readonly items: StoredValue[];
  /** The revision the list was read at. */
  readonly revision: number;
  /** Present when more items remain: pass it as `continue` to read the next page. */
  readonly continue?: string;
  /** How many items remain after this page (present with `continue`). */
  readonly remaining?: number;
}

/** One change, as delivered by a watch. */
export interface StoreEvent {
  readonly type: 'create' | 'update' | 'delete';
  readonly key: string;
  /** The revision of this change. */
  readonly revision: number;
  /** The new value (create, update); absent for delete. */
  readonly value?: Uint8Array;
  /** Revision at which the key was created (for delete: of the value that was deleted). */
  readonly createRevision: number;
  /** The previous value (update, delete); absent for create. */
  readonly prevValue?: Uint8Array;
  /** The modRevision of the previous value (update, delete). */
  readonly prevRevision?: number;
}

/**
 * A stream of changes under a prefix. Iterate it with `for await`; iteration ends
 * normally after `close()`, and throws:
 * - CompactedError when the start revision has been compacted;
 * - WatchOverflowError when the consumer fell more than the buffer behind; its
 *   `resumeRevision` is the revision of the last event delivered, to watch again from;
 * - StoreUnavailableError when the backend is gone and the watch cannot resume.
 */
export interface Watcher extends AsyncIterable<StoreEvent> {
  /** Stops the watch and frees its resources. Idempotent; never throws. */
  close(): void;
}

export interface WatchOptions {
  /** Events held for a slow consumer before the watch fails with WatchOverflowError. Default 10,000. */
  readonly bufferSize?: number;
}

/** Result of a delete: the value as it was before, and the revision of the delete. */
export interface DeleteResult {
  readonly prev: StoredValue;
  readonly revision: number;
}

/**
 * The contract every backend keeps:
 * - Every successful write (create, update, delete) creates exactly one new revision,
 *   strictly greater than every earlier one, cluster-wide. Revisions are positive.
 * - A write is acknowledged (its promise resolves) only once it is durable to the
 *   backend's durability setting; a rejected write changed nothing.
 * - Values larger than MAX_VALUE_BYTES are refused with ValueTooLargeError.
 * - Reads never block on watchers; a slow watcher never blocks writers.
 * - Retriable failures (backend unreachable) are StoreUnavailableError; nothing else
 *   is retried by the caller.
 */
export interface Store {
  /** The current value of a key, or undefined. */
  get(key: string, options?: GetOptions): Promise<StoredValue | undefined>;

  /** Keys starting with `prefix`, in key order, paginated. */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;

  /** Number of keys under `prefix` at the current revision. */
  count(prefix: string): Promise<number>;

  /** Creates a key. Throws KeyExistsError when it already exists. */
  create(key: string, value: Uint8Array): Promise<StoredValue>;

  /**
   * Replaces a key's value if its modRevision is `expectedRevision`.
   * Throws KeyNotFoundError when the key is absent, ConflictError (carrying the
   * current value) when its modRevision differs.
   */
  update(key: string, value: Uint8Array, expectedRevision: number): Promise<StoredValue>;

  /**
   * Deletes a key; with `expectedRevision`, only if its modRevision matches.
   * Throws KeyNotFoundError or ConflictError.
   */
  delete(key: string, expectedRevision?: number): Promise<DeleteResult>;

  /**
   * Every change under `prefix` with a revision greater than `fromRevision`, in revision
   * order, with no gap and no duplicate, including changes made before the call.
   * `fromRevision` 0 means "from now": only changes after the current revision.
   * A `fromRevision` below the compacted revision fails with CompactedError (on first
   * iteration).
   */
  watch(prefix: string, fromRevision: number, options?: WatchOptions): Watcher;

  /**
   * Forgets history below `revision`: afterwards reads below it fail with CompactedError,
   * while the state at `revision` and every change after it stay readable (current values
   * are kept). At or below the compacted revision it changes nothing; above the current
   * revision it fails with FutureRevisionError.
   */
  compact(revision: number): Promise<void>;

  /** The newest compacted revision (0 when nothing was compacted). */
  compactedRevision(): Promise<number>;

  /** The revision of the newest write (0 for an empty new store). */
  currentRevision(): Promise<number>;

  /**
   * Flushes pending writes (their callers are answered), ends all watches normally,
   * releases files and connections. Idempotent; every other call made afterwards fails
   * with StoreClosedError.
   */
  close(): Promise<void>;
}

/** etcd's default request size limit; the store refuses larger values. */
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;
