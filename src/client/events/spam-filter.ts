// Upstream's EventSourceObjectSpamFilter: each source+object pair has a token bucket of
// 25 events refilled at one every five minutes, so that an object that is always
// unhealthy cannot flood the store with events.

import type { Clock } from '../clock.js';
import { TokenBucket } from '../flowcontrol/token-bucket.js';
import type { Event } from '../types/core.js';
import { spamKey } from './keys.js';
import { LruCache } from './lru.js';

export interface SpamFilterOptions {
  /** Default 25. */
  readonly burst?: number;
  /** Refill per second; default 1/300. */
  readonly qps?: number;
  /** Default 4096. */
  readonly cacheSize?: number;
}

/** Contract: `skip(e)` is true when e's source+object has used up its bucket. */
export class SpamFilter {
  private readonly buckets: LruCache<string, TokenBucket>;
  private readonly burst: number;
  private readonly qps: number;

  constructor(
    private readonly clock: Clock,
    options: SpamFilterOptions = {},
  ) {
    this.burst = options.burst ?? 25;
    this.qps = options.qps ?? 1 / 300;
    this.buckets = new LruCache(options.cacheSize ?? 4096);
  }

  skip(event: Event): boolean {
    const key = spamKey(event);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) bucket = new TokenBucket(this.qps, this.burst, this.clock);
    this.buckets.set(key, bucket);
    return !bucket.tryAccept();
  }
}
