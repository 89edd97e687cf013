// Delayed adds (client-go's DelayingQueue): addAfter(key, ms) queues the key once the
// delay has passed. A key waiting twice keeps the earlier time. One clock timer, set for
// the earliest waiting key, serves all of them.

import type { Clock, Timer } from '../clock.js';
import { WorkQueue } from './queue.js';

interface Waiting<T> {
  readonly item: T;
  readonly readyAt: number;
}

/**
 * A WorkQueue with delayed adds.
 * Contract: a key given to addAfter(key, ms) is add()ed no earlier than `ms` from now
 * and, while the clock advances, no later than the first timer run after that; shutDown
 * drops the waiting keys and clears the timer.
 */
export class DelayingQueue<T extends NonNullable<unknown>> extends WorkQueue<T> {
  /** Each waiting key's ready time; the heap may hold stale entries, this map is the truth. */
  private readonly readyAt = new Map<T, number>();
  private readonly heap: Waiting<T>[] = [];
  private timer: Timer | undefined;
  private timerDue = Infinity;

  constructor(protected readonly clock: Clock) {
    super();
  }

  /** Adds `item` after `ms` (at once when ms ≤ 0). */
  addAfter(item: T, ms: number): void {
    if (this.shuttingDown()) return;
    if (ms <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.clock.now() + ms;
    const existing = this.readyAt.get(item);
    if (existing !== undefined && existing <= readyAt) return;
    this.readyAt.set(item, readyAt);
    heapPush(this.heap, { item, readyAt });
    this.schedule();
  }

  /** Keys waiting for their delay to pass. */
  waitingCount(): number {
    return this.readyAt.size;
  }

  override shutDown(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    this.readyAt.clear();
    this.heap.length = 0;
    super.shutDown();
  }

  private schedule(): void {
    const top = this.peekLive();
    if (top === undefined || top.readyAt >= this.timerDue) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerDue = top.readyAt;
    this.timer = this.clock.setTimeout(() => this.fire(), top.readyAt - this.clock.now());
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = this.clock.now();
    for (let top = this.peekLive(); top !== undefined && top.readyAt <= now; top = this.peekLive()) {
      heapPop(this.heap);
      this.readyAt.delete(top.item);
      this.add(top.item);
    }
    this.schedule();
  }

  /** The earliest entry that is still current, dropping stale ones. */
  private peekLive(): Waiting<T> | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (this.readyAt.get(top.item) === top.readyAt) return top;
      heapPop(this.heap);
    }
    return undefined;
  }
}

function heapPush<T>(heap: Waiting<T>[], entry: Waiting<T>): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.readyAt <= entry.readyAt) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = entry;
}

function heapPop<T>(heap: Waiting<T>[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && heap[right]!.readyAt < heap[left]!.readyAt ? right : left;
    if (heap[child]!.readyAt >= last.readyAt) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
