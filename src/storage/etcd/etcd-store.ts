// The Store on a real etcd v3 cluster. How each operation maps to etcd is in README.md.
import type { ICompare, IKeyValue, IRangeRequest, ITxnRequest } from 'etcd3';
import { ConflictError, KeyExistsError, KeyNotFoundError, StoreClosedError, ValueTooLargeError } from '../errors.js';
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
import { decodeContinue, encodeContinue } from './continue-token.js';
import { plainBytes, toStoredValue } from './convert.js';
import { KeySpace } from './keys.js';
import { KvCalls } from './kv-calls.js';
import type { EtcdMembers } from './members.js';
import type { ResolvedEtcdOptions } from './options.js';
import { ReadCoalescer } from './read-coalescer.js';
import { UpdateCoalescer } from './update-coalescer.js';
import { EtcdWatcher } from './watcher.js';

const DEFAULT_WATCH_BUFFER = 10_000;

export class EtcdStore implements Store {
  private readonly keys: KeySpace;
  private readonly kv: KvCalls;
  private readonly watchers = new Set<EtcdWatcher>();
  /** Calls made before close(), which close() lets finish. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly reads = new ReadCoalescer<StoredValue | undefined>();
  private readonly updates = new UpdateCoalescer();
  private closed = false;

  constructor(
    private readonly members: EtcdMembers,
    private readonly options: ResolvedEtcdOptions,
    startRevision: number,
  ) {
    this.keys = new KeySpace(options.prefix);
    this.kv = new KvCalls(members, this.keys, startRevision);
  }

  get(key: string, options?: GetOptions): Promise<StoredValue | undefined> {
    const atRevision = options?.atRevision ?? 0;
    if (atRevision > 0) return this.op(() => this.readKey(key, atRevision));
    return this.op(() => this.reads.read(key, () => this.readKey(key, 0)));
  }

  list(prefix: string, options?: ListOptions): Promise<ListResult> {
    return this.op(async () => {
      const point = options?.continue === undefined ? undefined : decodeContinue(options.continue, prefix);
      const atRevision = point?.revision ?? options?.atRevision ?? 0;
      const range = this.keys.range(prefix, point?.start);
      const request: IRangeRequest = { key: range.key, range_end: range.rangeEnd, revision: atRevision, limit: options?.limit ?? 0 };
      const response = await this.kv.call('read', (kv, o) => kv.range(request, o), { atRevision });
      const items = response.kvs.map((kv) => toStoredValue(kv, this.keys));
      // Every page is read at the first page's revision: the one asked for, or "now" as etcd saw it.
      const revision = atRevision > 0 ? atRevision : Number(response.header.revision);
      const last = items.at(-1);
      if (!response.more || !last) return { items, revision };
      return {
        items,
        revision,
        // "\0" is the smallest suffix: the next page starts right after the last key.
        continue: encodeContinue({ revision, start: `${last.key}\0` }),
        // etcd counts the keys from the page's first key to the end of the range.
        remaining: Number(response.count) - items.length,
      };
    });
  }

  count(prefix: string): Promise<number> {
    return this.op(async () => {
      const { key, rangeEnd } = this.keys.range(prefix);
      const response = await this.kv.call('read', (kv, o) => kv.range({ key, range_end: rangeEnd, count_only: true }, o), {});
      return Number(response.count);
    });
  }

  create(key: string, value: Uint8Array): Promise<StoredValue> {
    return this.op(async () => {
      checkSize(key, value);
      const etcdKey = this.keys.toEtcd(key);
      // A copy: the caller may reuse its buffer before the request is encoded.
      const copy = Buffer.from(value);
      const txn: ITxnRequest = {
        compare: [{ key: etcdKey, target: 'Create', result: 'Equal', create_revision: 0 }],
        success: [{ request_put: { key: etcdKey, value: copy } }],
      };
      const response = await this.kv.call('write', (kv, o) => kv.txn(txn, o), { key, size: value.byteLength });
      if (!response.succeeded) throw new KeyExistsError(key);
      const revision = Number(response.header.revision);
      return { key, value: plainBytes(copy), createRevision: revision, modRevision: revision };
    });
  }

  update(key: string, value: Uint8Array, expectedRevision: number): Promise<StoredValue> {
    return this.op(() => {
      checkSize(key, value);
      const copy = Buffer.from(value);
      return this.updates.update(key, expectedRevision, () => this.sendUpdate(key, copy, expectedRevision));
    });
  }

  delete(key: string, expectedRevision?: number): Promise<DeleteResult> {
    return this.op(async () => {
      const etcdKey = this.keys.toEtcd(key);
      const expected = expectedRevision === undefined ? [] : [modRevisionIs(etcdKey, expectedRevision)];
      const txn: ITxnRequest = {
        compare: [exists(etcdKey), ...expected],
        success: [{ request_delete_range: { key: etcdKey, prev_kv: true } }],
        failure: [{ request_range: { key: etcdKey } }],
      };
      const response = await this.kv.call('write', (kv, o) => kv.txn(txn, o), { key });
      if (!response.succeeded) throw this.casFailure(key, expectedRevision, response.responses[0]?.response_range.kvs[0]);
      const prev = response.responses[0]?.response_delete_range.prev_kvs[0];
      if (!prev) throw new KeyNotFoundError(key);
      return { prev: toStoredValue(prev, this.keys), revision: Number(response.header.revision) };
    });
  }

  watch(prefix: string, fromRevision: number, options?: WatchOptions): Watcher {
    if (this.closed) return failedWatcher(new StoreClosedError());
    const watcher = new EtcdWatcher(
      {
        members: this.members,
        keys: this.keys,
        checkNotCompacted: (revision) => this.kv.checkNotCompacted(revision),
        logger: this.options.logger,
        onCompacted: (revision) => this.kv.noteCompacted(revision),
        onEnd: (w) => this.watchers.delete(w),
      },
      prefix,
      // "From now": from the newest revision this store has seen, so that every write
      // acknowledged before this call is excluded and every later one included.
      fromRevision > 0 ? fromRevision : this.kv.seenRevision,
      options?.bufferSize ?? DEFAULT_WATCH_BUFFER,
    );
    this.watchers.add(watcher);
    return watcher;
  }

  compact(revision: number): Promise<void> {
    return this.op(() => this.kv.compact(revision));
  }

  compactedRevision(): Promise<number> {
    return this.op(() => this.kv.compactedRevision());
  }

  currentRevision(): Promise<number> {
    return this.op(() => this.kv.currentRevision());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const watcher of [...this.watchers]) watcher.close();
    await Promise.allSettled([...this.inFlight]);
    this.members.close();
  }

  /** Runs an operation unless the store is closed, and lets close() wait for it. */
  private op<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    let running: Promise<T>;
    try {
      running = run();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    this.inFlight.add(running);
    const forget = (): void => void this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  private async readKey(key: string, atRevision: number): Promise<StoredValue | undefined> {
    const request = { key: this.keys.toEtcd(key), revision: atRevision };
    const response = await this.kv.call('read', (kv, o) => kv.range(request, o), { key, atRevision });
    const kv = response.kvs[0];
    return kv && toStoredValue(kv, this.keys);
  }

  /** An update as one transaction on the key's modRevision. */
  private async sendUpdate(key: string, value: Buffer, expectedRevision: number): Promise<StoredValue> {
    const etcdKey = this.keys.toEtcd(key);
    const txn: ITxnRequest = {
      // Existence is compared too, so that an expected revision of 0 cannot create the key.
      compare: [modRevisionIs(etcdKey, expectedRevision), exists(etcdKey)],
      // The keys-only range reads back createRevision without sending the value again.
      success: [{ request_put: { key: etcdKey, value } }, { request_range: { key: etcdKey, keys_only: true } }],
      failure: [{ request_range: { key: etcdKey } }],
    };
    const response = await this.kv.call('write', (kv, o) => kv.txn(txn, o), { key, size: value.byteLength });
    if (!response.succeeded) throw this.casFailure(key, expectedRevision, response.responses[0]?.response_range.kvs[0]);
    const written = response.responses[1]?.response_range.kvs[0];
    const revision = Number(response.header.revision);
    return { key, value: plainBytes(value), createRevision: written ? Number(written.create_revision) : revision, modRevision: revision };
  }

  /** The error of a failed compare-and-swap, from the value the transaction read instead. */
  private casFailure(key: string, expectedRevision: number | undefined, current: IKeyValue | undefined): Error {
    if (!current || expectedRevision === undefined) return new KeyNotFoundError(key);
    const { value, createRevision, modRevision } = toStoredValue(current, this.keys);
    return new ConflictError(key, expectedRevision, { value, createRevision, modRevision });
  }
}

function checkSize(key: string, value: Uint8Array): void {
  if (value.byteLength > MAX_VALUE_BYTES) throw new ValueTooLargeError(key, value.byteLength, MAX_VALUE_BYTES);
}

function modRevisionIs(key: Buffer, revision: number): ICompare {
  return { key, target: 'Mod', result: 'Equal', mod_revision: revision };
}

function exists(key: Buffer): ICompare {
  return { key, target: 'Create', result: 'Greater', create_revision: 0 };
}

/** A watch that could not start: its first iteration throws `error`. */
function failedWatcher(error: Error): Watcher {
  return {
    close: () => undefined,
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
}
