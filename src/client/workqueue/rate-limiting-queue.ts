// The queue controllers use (client-go's RateLimitingQueue): a DelayingQueue whose
// retries wait as a RateLimiter says.

import { realClock, type Clock } from '../clock.js';
import { DelayingQueue } from './delaying-queue.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export interface RateLimitingQueueOptions<T> {
  /** Default: defaultControllerRateLimiter. */
  readonly rateLimiter?: RateLimiter<T>;
  /** Default: the real clock. */
  readonly clock?: Clock;
}

/**
 * A DelayingQueue with rate-limited retries.
 * Contract: addRateLimited(key) adds the key after the limiter's delay; a worker calls
 * forget(key) after processing it successfully so that its next failure starts again
 * from the smallest delay.
 */
export class RateLimitingQueue<T extends NonNullable<unknown>> extends DelayingQueue<T> {
  private readonly limiter: RateLimiter<T>;

  constructor(options: RateLimitingQueueOptions<T> = {}) {
    const clock = options.clock ?? realClock;
    super(clock);
    this.limiter = options.rateLimiter ?? defaultControllerRateLimiter<T>(clock);
  }

  /** Adds `item` when the rate limiter allows it. */
  addRateLimited(item: T): void {
    this.addAfter(item, this.limiter.when(item));
  }

  /** Clears the failure history of `item`. */
  forget(item: T): void {
    this.limiter.forget(item);
  }

  /** Retries of `item` since it was last forgotten. */
  numRequeues(item: T): number {
    return this.limiter.numRequeues(item);
  }
}
