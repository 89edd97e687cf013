// Fans the events of each committed batch out to the open watchers. Delivery into a
// watcher's buffer is synchronous and never waits for its consumer.
import type { StoreEvent } from '../store.js';

/** What the hub needs of a watcher. */
export interface Subscriber {
  /** Takes the events of one batch; never blocks, never throws. */
  offer(events: readonly StoreEvent[]): void;
  /** Ends the watch normally (the store is closing). */
  close(): void;
}

export class WatchHub {
  private readonly subscribers = new Set<Subscriber>();

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  publish(events: readonly StoreEvent[]): void {
    // A subscriber may remove itself while offered (overflow); Set iteration allows it.
    for (const subscriber of this.subscribers) subscriber.offer(events);
  }

  closeAll(): void {
    for (const subscriber of [...this.subscribers]) subscriber.close();
    this.subscribers.clear();
  }
}
