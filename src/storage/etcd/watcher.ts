// One Store watch on etcd: its own Watch RPC, resumed after a broken connection on the
// same or another member, and a bounded buffer between etcd and the consumer.
//
// States: connecting → streaming → (connection lost → waiting to retry → connecting …);
// any of them → failed (compacted, overflow, refused) or closed.
//
// No gap, no duplicate: `received` is the revision of the newest event taken from etcd.
// Every (re)connection asks etcd for the events after it, and drops any at or below it.
// etcd never splits one revision's events over two responses (fragmenting is not
// requested), so a response is taken whole or not at all.
//
// Compaction: the store's rule is that watching from a revision below the compacted one
// fails, while etcd only refuses to start *at* one below it. So before each connection
// a read at `received` checks the rule (a read below the compacted revision fails), then
// the watch starts at `received + 1`, which etcd serves at once when that is the next
// revision (starting at `received` would make etcd treat the watch as catching up, and
// deliver its first events up to 100 ms late). A compaction between the two is caught by
// etcd's own check, or lies at `received + 1`, whose events etcd still has.
import { castGrpcError } from 'etcd3';
import type { IWatchResponse } from 'etcd3';
import { CompactedError, StoreError, StoreUnavailableError, WatchOverflowError } from '../errors.js';
import type { StoreEvent, Watcher } from '../store.js';
import { classifyFailure, describeFailure } from './call-errors.js';
import { toStoreEvent } from './convert.js';
import type { KeySpace } from './keys.js';
import type { EtcdMembers, WatchStream } from './members.js';

export interface WatchContext {
  readonly members: EtcdMembers;
  readonly keys: KeySpace;
  /** Throws CompactedError when `revision` is below the compacted revision. */
  readonly checkNotCompacted: (revision: number) => Promise<void>;
  readonly logger: (message: string) => void;
  /** Told the compacted revision etcd reported. */
  readonly onCompacted: (revision: number) => void;
  /** Told when the watcher is closed or failed, so the store forgets it. */
  readonly onEnd: (watcher: EtcdWatcher) => void;
}

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2_000;

export class EtcdWatcher implements Watcher {
  private readonly buffer = new EventQueue();
  private waiting: { resolve: (r: IteratorResult<StoreEvent>) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private closed = false;
  private stream: WatchStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  /** Set while the connection is lost, so that an outage is reported once. */
  private lost = false;
  /** Revision of the newest event taken from etcd (buffered or delivered). */
  private received: number;
  /** Revision of the newest event handed to the consumer: where to resume after an overflow. */
  private delivered: number;

  constructor(
    private readonly context: WatchContext,
    private readonly prefix: string,
    fromRevision: number,
    private readonly bufferSize: number,
  ) {
    this.received = fromRevision;
    this.delivered = fromRevision;
    void this.connect();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoreEvent> {
    return {
      next: () => this.next(),
      return: () => {
        this.close();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    this.buffer.clear();
    this.waiting?.resolve({ done: true, value: undefined });
    this.waiting = undefined;
  }

  private next(): Promise<IteratorResult<StoreEvent>> {
    const event = this.buffer.shift();
    if (event) {
      this.delivered = event.revision;
      return Promise.resolve({ done: false, value: event });
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      this.closed = true;
      return Promise.reject(failure);
    }
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed || this.failure) return;
    let opened: { stream: WatchStream; endpoint: string };
    try {
      await this.context.checkNotCompacted(this.received);
      opened = await this.context.members.openWatch();
    } catch (err) {
      if (err instanceof CompactedError) this.fail(err, false);
      else this.connectionLost(err, undefined);
      return;
    }
    const { stream, endpoint } = opened;
    if (this.closed || this.failure) {
      stream.cancel();
      return;
    }
    this.stream = stream;
    stream.on('data', (response: IWatchResponse) => {
      if (this.stream === stream) this.onResponse(response, endpoint);
    });
    stream.on('error', (err: Error) => {
      if (this.stream === stream) this.connectionLost(err, endpoint);
    });
    stream.on('end', () => {
      if (this.stream === stream) this.connectionLost(new StoreUnavailableError('etcd ended the watch stream'), endpoint);
    });
    const range = this.context.keys.range(this.prefix);
    stream.write({
      create_request: { key: range.key, range_end: range.rangeEnd, start_revision: this.received + 1, prev_kv: true },
    });
  }

  private onResponse(response: IWatchResponse, endpoint: string): void {
    const compacted = Number(response.compact_revision);
    if (compacted > 0) {
      this.context.onCompacted(compacted);
      this.fail(new CompactedError(this.received, compacted), false);
      return;
    }
    if (response.canceled) {
      this.fail(new StoreUnavailableError(`etcd at ${endpoint} cancelled the watch on "${this.prefix}": ${response.cancel_reason}`), false);
      return;
    }
    if (response.created && this.lost) {
      this.context.logger(`watch on "${this.prefix}" resumed on ${endpoint} from revision ${this.received + 1}`);
    }
    this.lost = false;
    this.retryMs = FIRST_RETRY_MS;
    const floor = this.received;
    for (const raw of response.events) {
      const event = toStoreEvent(raw, this.context.keys);
      if (event.revision <= floor) continue;
      this.received = event.revision;
      if (!this.push(event)) return;
    }
  }

  /** Hands the event to a waiting consumer or buffers it; false when the buffer overflowed. */
  private push(event: StoreEvent): boolean {
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      this.delivered = event.revision;
      waiting.resolve({ done: false, value: event });
      return true;
    }
    if (this.buffer.length >= this.bufferSize) {
      this.fail(new WatchOverflowError(this.delivered), true);
      return false;
    }
    this.buffer.push(event);
    return true;
  }

  private connectionLost(err: unknown, endpoint: string | undefined): void {
    this.stream = undefined;
    if (this.closed || this.failure) return;
    if (!isTransient(err)) {
      this.fail(new StoreUnavailableError(`watch on "${this.prefix}" refused by etcd: ${describeFailure(err)}`, { cause: err }), false);
      return;
    }
    if (endpoint) this.context.members.watchFailed(endpoint);
    if (!this.lost) {
      this.lost = true;
      this.context.logger(
        `watch on "${this.prefix}" lost etcd${endpoint ? ` at ${endpoint}` : ''} (${describeFailure(err)}); ` +
          `will resume from revision ${this.received + 1}`,
      );
    }
    const delay = this.retryMs * (0.5 + Math.random() / 2);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /** Ends the watch with an error, thrown once buffered events are consumed (or at once). */
  private fail(error: Error, dropBuffered: boolean): void {
    this.failure = error;
    this.stop();
    if (dropBuffered) this.buffer.clear();
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      this.failure = undefined;
      this.closed = true;
      waiting.reject(error);
    }
  }

  private stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const stream = this.stream;
    this.stream = undefined;
    stream?.cancel();
    this.context.onEnd(this);
  }
}

/** Whether a broken watch is worth resuming: connection trouble yes, a refusal (permissions, …) no. */
function isTransient(err: unknown): boolean {
  if (err instanceof StoreError) return err.retriable;
  // Stream errors come straight from grpc-js; etcd3 types them the way it types call errors.
  const typed = err instanceof Error && err.constructor === Error ? castGrpcError(err) : err;
  return classifyFailure(typed) !== 'other';
}

/** A FIFO queue with O(1) push and shift. */
class EventQueue {
  private items: StoreEvent[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(event: StoreEvent): void {
    this.items.push(event);
  }

  shift(): StoreEvent | undefined {
    if (this.head >= this.items.length) return undefined;
    const event = this.items[this.head];
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return event;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
