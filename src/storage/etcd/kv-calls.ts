// KV calls to etcd in the Store's terms: failover (EtcdMembers), etcd's refusals turned
// into the Store's errors, and the two revisions the store follows — the newest one any
// response showed, and the compacted one.
import type { IResponseHeader, KVClient } from 'etcd3';
import { CompactedError, FutureRevisionError, StoreUnavailableError, ValueTooLargeError } from '../errors.js';
import { MAX_VALUE_BYTES } from '../store.js';
import { classifyFailure, describeFailure } from './call-errors.js';
import type { KeySpace } from './keys.js';
import type { CallKind, EtcdMembers } from './members.js';

/** What an error needs to be told in the Store's terms. */
export interface CallContext {
  readonly key?: string;
  readonly size?: number;
  readonly atRevision?: number;
}

type Call<T> = (kv: KVClient, options: { deadline: number }) => Promise<T>;

export class KvCalls {
  /** The newest revision any response has shown. */
  private seen: number;
  /** A revision known to be compacted: where compactedRevision() starts searching. */
  private knownCompacted = 0;
  /** Any key does for reads that only want a response header or a compaction check. */
  private readonly probeKey: Buffer;

  constructor(
    private readonly members: EtcdMembers,
    private readonly keys: KeySpace,
    startRevision: number,
  ) {
    this.seen = startRevision;
    this.probeKey = keys.range('').key;
  }

  /** The newest revision seen in any response; no call. */
  get seenRevision(): number {
    return this.seen;
  }

  /** Runs a call (see CallKind) and maps its failure to a Store error. */
  async call<T extends { header: IResponseHeader }>(kind: CallKind, fn: Call<T>, context: CallContext): Promise<T> {
    try {
      return await this.send(kind, fn);
    } catch (err) {
      throw await this.storeError(err, context);
    }
  }

  /** The current revision, from the header of a linearizable read of one key. */
  async currentRevision(): Promise<number> {
    const response = await this.call('read', (kv, o) => kv.range({ key: this.probeKey, count_only: true }, o), {});
    return Number(response.header.revision);
  }

  /** Compacts etcd's history up to `revision`; already compacted is no error. */
  async compact(revision: number): Promise<void> {
    try {
      // Compaction is idempotent, so it may be sent again after a lost answer: a "read".
      await this.send('read', (kv, o) => kv.compact({ revision }, o));
    } catch (err) {
      if (classifyFailure(err) !== 'compacted') throw await this.storeError(err, { atRevision: revision });
    }
    this.noteCompacted(revision);
  }

  /**
   * etcd does not report its compacted revision through a cheap call, but it refuses
   * reads below it: the smallest readable revision is found by binary search, starting
   * from the newest compaction this store knows of (usually one or two reads).
   */
  async compactedRevision(): Promise<number> {
    const current = await this.currentRevision();
    let low = Math.max(this.knownCompacted, 1);
    if (await this.readableAt(low)) return this.knownCompacted;
    let high = current; // the current revision is always readable
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (await this.readableAt(middle)) high = middle;
      else low = middle;
    }
    this.noteCompacted(high);
    return high;
  }

  /**
   * Throws CompactedError (with the compacted revision) when reads at `revision` are no
   * longer possible; a revision in the future is fine. Other failures as call() has them.
   */
  async checkNotCompacted(revision: number): Promise<void> {
    if (revision < 1) return;
    if (revision >= this.knownCompacted && (await this.readableAt(revision))) return;
    throw new CompactedError(revision, await this.compactedRevision());
  }

  /** Records a compacted revision learned elsewhere (a watch cancelled by compaction). */
  noteCompacted(revision: number): void {
    this.knownCompacted = Math.max(this.knownCompacted, revision);
  }

  private async readableAt(revision: number): Promise<boolean> {
    try {
      await this.send('read', (kv, o) => kv.range({ key: this.probeKey, count_only: true, revision }, o));
      return true;
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure === 'compacted') return false;
      if (failure === 'future') return true;
      throw await this.storeError(err, { atRevision: revision });
    }
  }

  private async send<T extends { header: IResponseHeader }>(kind: CallKind, fn: Call<T>): Promise<T> {
    const response = await this.members.call(kind, fn);
    this.seen = Math.max(this.seen, Number(response.header.revision));
    return response;
  }

  private async storeError(err: unknown, context: CallContext): Promise<unknown> {
    switch (classifyFailure(err)) {
      case 'compacted':
        return new CompactedError(context.atRevision ?? 0, await this.compactedRevision().catch(() => this.knownCompacted));
      case 'future':
        return new FutureRevisionError(context.atRevision ?? 0, await this.currentRevision().catch(() => this.seen));
      case 'too-large':
        // etcd's own request limit (its --max-request-bytes) was below the store's.
        return new ValueTooLargeError(context.key ?? '', context.size ?? 0, MAX_VALUE_BYTES);
      case 'unsent':
      case 'unavailable':
        return new StoreUnavailableError(`etcd at ${this.members.endpoints.join(', ')} is unavailable: ${describeFailure(err)}`, {
          cause: err,
        });
      case 'other':
        return err;
    }
  }
}
