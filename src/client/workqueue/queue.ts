// The work queue of controllers (client-go's workqueue.Typed): a FIFO of keys that
// de-duplicates, and never hands the same key to two workers at once. Three sets carry
// that guarantee, as upstream:
//   queue       keys waiting to be handed out, in order, each at most once;
//   dirty       keys that need processing (queued, or re-added while being processed);
//   processing  keys a worker holds between get() and done().
// add() of a key being processed only marks it dirty; done() puts it back in the queue,
// so the change is processed once more, after the current run, by one worker.
// addUrgent() (not upstream's) queues a key in a second lane that is emptied first.

import { Deque } from '../deque.js';

/**
 * A de-duplicating, concurrency-safe work queue.
 * Contract:
 * - a key added n times before a worker gets it is handed out once;
 * - a key is held by at most one worker at a time; added while held, it is handed out
 *   again after `done()`;
 * - after `shutDown()`, add() is ignored; get() still returns the keys already queued,
 *   then `undefined` for ever.
 */
export class WorkQueue<T extends NonNullable<unknown>> {
  private readonly queue = new Deque<T>();
  /** Waiting keys handed out before those of `queue`; a waiting key is in one of the two. */
  private readonly urgent = new Deque<T>();
  /** Keys re-added urgently while held: done() queues them in the urgent lane. */
  private readonly urgentWhenDone = new Set<T>();
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly getters: ((item: T | undefined) => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  private stopping = false;

  /** Marks `item` as needing processing. */
  add(item: T): void {
    this.mark(item, false);
  }

  /**
   * Like add(), but a key that is not already waiting is handed out before every key
   * add()ed normally (in order among urgent keys). A key already waiting keeps its place.
   */
  addUrgent(item: T): void {
    this.mark(item, true);
  }

  private mark(item: T, urgent: boolean): void {
    if (this.stopping || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) {
      if (urgent) this.urgentWhenDone.add(item);
      return;
    }
    (urgent ? this.urgent : this.queue).push(item);
    this.dispatch();
  }

  /** Keys waiting to be handed out. */
  len(): number {
    return this.queue.length + this.urgent.length;
  }

  /**
   * The next key, which the caller holds until it calls `done(key)`; waits while the
   * queue is empty. `undefined` once the queue is shut down and empty: the worker exits.
   */
  get(): Promise<T | undefined> {
    if (this.len() > 0) return Promise.resolve(this.take());
    if (this.stopping) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Ends the processing of `item`; if it was added meanwhile, it is queued again. */
  done(item: T): void {
    this.processing.delete(item);
    const urgent = this.urgentWhenDone.delete(item);
    if (this.dirty.has(item)) {
      (urgent ? this.urgent : this.queue).push(item);
      this.dispatch();
    }
    this.checkDrained();
  }

  /** Stops accepting keys; waiting workers get `undefined`. */
  shutDown(): void {
    this.stopping = true;
    for (const resolve of this.getters.splice(0)) resolve(undefined);
    this.checkDrained();
  }

  /**
   * Shuts down and resolves once every queued key has been handed out and every held key
   * is done. Workers must keep calling get()/done() until they get `undefined`, or this
   * never resolves (as upstream's ShutDownWithDrain).
   */
  shutDownWithDrain(): Promise<void> {
    const drained = new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    this.shutDown();
    return drained;
  }

  /** Whether shutDown() was called. */
  shuttingDown(): boolean {
    return this.stopping;
  }

  private take(): T {
    const item = this.urgent.length > 0 ? this.urgent.shift()! : this.queue.shift()!;
    this.processing.add(item);
    this.dirty.delete(item);
    return item;
  }

  private dispatch(): void {
    while (this.getters.length > 0 && this.len() > 0) this.getters.shift()!(this.take());
  }

  private checkDrained(): void {
    if (!this.stopping || this.len() > 0 || this.processing.size > 0) return;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}
