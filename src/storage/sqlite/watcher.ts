// One watch: replays history from the table, then the live events the hub pushed while
// it did, then live events as they come. The hub registers the watcher at the revision
// current when it was opened (H): history covers (from, H], live events are all above H,
// so the two meet with no gap and no duplicate.
//
// States: open → (overflowed | failed) → closed, or open → closed.
//   overflowed: the live buffer was full; the consumer still gets what was buffered, then
//   WatchOverflowError naming the last revision it received.
//   failed: history was compacted away before it was read; CompactedError comes next.
import { CompactedError, WatchOverflowError } from '../errors.js';
import type { StoreError } from '../errors.js';
import type { StoreEvent, Watcher } from '../store.js';
import type { KeyRange } from './key-range.js';
import type { StoreState } from './state.js';
import type { Subscriber } from './watch-hub.js';

/** Rows of history read per query while catching up. */
const HISTORY_PAGE = 512;

export interface WatcherDeps {
  readonly state: StoreState;
  readonly readHistory: (range: KeyRange, after: number, upto: number, limit: number) => StoreEvent[];
  /** Called once when the watcher stops needing live events. */
  readonly detach: (watcher: SqliteWatcher) => void;
}

type State = 'open' | 'overflowed' | 'failed' | 'closed';

type Waiter = { resolve(r: IteratorResult<StoreEvent>): void; reject(e: unknown): void };

export class SqliteWatcher implements Watcher, Subscriber, AsyncIterator<StoreEvent> {
  private state: State = 'open';
  private failure: StoreError | undefined;
  private history: StoreEvent[] = [];
  private historyIndex = 0;
  /** History has been read up to here. */
  private historyAfter: number;
  private readonly historyUpto: number;
  private live: StoreEvent[] = [];
  private liveHead = 0;
  /** Live events at or below this revision are not for this watcher. */
  private liveAfter: number;
  /** Revision of the last event handed to the consumer. */
  private delivered: number;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly prefix: string,
    private readonly range: KeyRange,
    fromRevision: number,
    private readonly bufferSize: number,
    private readonly deps: WatcherDeps,
  ) {
    const current = deps.state.current;
    const from = fromRevision === 0 ? current : fromRevision;
    this.historyAfter = Math.min(from, current);
    this.historyUpto = current;
    this.liveAfter = Math.max(from, current);
    this.delivered = from;
  }

  [Symbol.asyncIterator](): AsyncIterator<StoreEvent> {
    return this;
  }

  next(): Promise<IteratorResult<StoreEvent>> {
    try {
      const event = this.take();
      if (event !== undefined) return Promise.resolve({ value: event, done: false });
    } catch (err) {
      return Promise.reject(err as Error);
    }
    if (this.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<StoreEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.history = [];
    this.live = [];
    this.deps.detach(this);
    this.wake();
  }

  offer(events: readonly StoreEvent[]): void {
    if (this.state !== 'open') return;
    for (const event of events) {
      if (event.revision <= this.liveAfter || !event.key.startsWith(this.prefix)) continue;
      if (this.live.length - this.liveHead >= this.bufferSize) {
        this.state = 'overflowed';
        this.deps.detach(this);
        break;
      }
      this.live.push(event);
      this.liveAfter = event.revision;
    }
    this.wake();
  }

  /** The next event to deliver, undefined when none is ready; throws the watch's terminal error when its turn comes. */
  private take(): StoreEvent | undefined {
    if (this.state === 'closed') return undefined;
    const event = this.takeHistory() ?? this.takeLive();
    if (event !== undefined) {
      this.delivered = event.revision;
      return event;
    }
    if (this.state === 'overflowed') this.fail(new WatchOverflowError(this.delivered));
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      this.close();
      throw failure;
    }
    return undefined;
  }

  private takeHistory(): StoreEvent | undefined {
    if (this.historyIndex >= this.history.length) this.readHistoryPage();
    const event = this.history[this.historyIndex];
    if (event !== undefined) this.historyIndex++;
    return event;
  }

  private readHistoryPage(): void {
    this.history = [];
    this.historyIndex = 0;
    if (this.historyAfter >= this.historyUpto || this.failure !== undefined) return;
    const { compacted } = this.deps.state;
    if (compacted > this.historyAfter) {
      this.fail(new CompactedError(this.historyAfter, compacted));
      return;
    }
    this.history = this.deps.readHistory(this.range, this.historyAfter, this.historyUpto, HISTORY_PAGE);
    const last = this.history[this.history.length - 1];
    this.historyAfter = this.history.length < HISTORY_PAGE || last === undefined ? this.historyUpto : last.revision;
  }

  /** Called once history is exhausted (takeHistory goes first and reads page after page). */
  private takeLive(): StoreEvent | undefined {
    if (this.failure !== undefined) return undefined;
    const event = this.live[this.liveHead];
    if (event === undefined) return undefined;
    this.liveHead++;
    // Drop the consumed head now and then, so the array does not grow without bound.
    if (this.liveHead >= 1024 && this.liveHead * 2 >= this.live.length) {
      this.live = this.live.slice(this.liveHead);
      this.liveHead = 0;
    }
    return event;
  }

  /** Ends the watch with `error`, thrown once whatever was already due has been delivered. */
  fail(error: StoreError): void {
    this.failure = error;
    this.history = [];
    this.live = [];
    this.liveHead = 0;
    if (this.state === 'open' || this.state === 'overflowed') this.state = 'failed';
    this.deps.detach(this);
  }

  private wake(): void {
    while (this.waiters.length > 0) {
      let event: StoreEvent | undefined;
      try {
        event = this.take();
      } catch (err) {
        this.waiters.shift()?.reject(err);
        continue;
      }
      if (event !== undefined) this.waiters.shift()?.resolve({ value: event, done: false });
      else if (this.state === 'closed') this.waiters.shift()?.resolve({ value: undefined, done: true });
      else return;
    }
  }
}
