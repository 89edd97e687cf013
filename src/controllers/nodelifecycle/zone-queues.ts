// The per-zone rate-limited queues of nodes waiting for a NoExecute taint (upstream's
// zoneNoExecuteTainter of RateLimitedTimedQueues): each zone admits nodes at its own
// rate, burst 1, so a zone that loses many nodes at once has them tainted one by one.

import type { Clock } from '../../client/index.js';
import { TokenBucket } from '../../client/flowcontrol/token-bucket.js';

interface ZoneQueue {
  rate: number;
  bucket: TokenBucket | undefined;
  /** Node names in the order they were queued. */
  readonly nodes: Set<string>;
}

/**
 * Contract: add() is idempotent; take(zone) hands out queued nodes first-in first-out,
 * at most as fast as the zone's rate allows (none at rate 0); a node handed out and not
 * put back is no longer queued.
 */
export class ZoneQueues {
  private readonly zones = new Map<string, ZoneQueue>();

  constructor(
    private readonly clock: Clock,
    private readonly defaultRate: number,
  ) {}

  add(zone: string, node: string): void {
    this.zone(zone).nodes.add(node);
  }

  remove(zone: string, node: string): void {
    this.zones.get(zone)?.nodes.delete(node);
  }

  has(zone: string, node: string): boolean {
    return this.zones.get(zone)?.nodes.has(node) ?? false;
  }

  /** Changes a zone's rate; a new rate starts a fresh bucket (upstream's SwapLimiter). */
  setRate(zone: string, rate: number): void {
    const queue = this.zone(zone);
    if (queue.rate === rate) return;
    queue.rate = rate;
    queue.bucket = rate > 0 ? new TokenBucket(rate, 1, this.clock) : undefined;
  }

  rateOf(zone: string): number {
    return this.zone(zone).rate;
  }

  /** The next node of the zone the rate admits now, taken off the queue. */
  take(zone: string): string | undefined {
    const queue = this.zones.get(zone);
    if (queue?.bucket === undefined) return undefined;
    const first = queue.nodes.values().next();
    if (first.done === true || !queue.bucket.tryAccept()) return undefined;
    queue.nodes.delete(first.value);
    return first.value;
  }

  zoneNames(): string[] {
    return [...this.zones.keys()];
  }

  private zone(zone: string): ZoneQueue {
    let queue = this.zones.get(zone);
    if (queue === undefined) {
      queue = { rate: this.defaultRate, bucket: new TokenBucket(this.defaultRate, 1, this.clock), nodes: new Set() };
      this.zones.set(zone, queue);
    }
    return queue;
  }
}
