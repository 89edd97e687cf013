// Upstream's EventAggregator: when one source reports, about one object, events of the
// same type and reason with ten different messages within ten minutes, the tenth and
// later ones become a single event "(combined from similar events): <message>" whose
// count then grows, instead of ten-plus distinct events.

import type { Clock } from '../clock.js';
import { formatTime } from '../../machinery/time.js';
import type { Event } from '../types/core.js';
import { aggregateKeys, eventKey } from './keys.js';
import { LruCache } from './lru.js';
import { eventName } from './names.js';

export interface AggregatorOptions {
  /** Distinct messages before aggregation; default 10. */
  readonly maxEvents?: number;
  /** Window (s) since the last similar event; default 600. */
  readonly maxIntervalSeconds?: number;
  readonly cacheSize?: number;
}

interface AggregateRecord {
  readonly localKeys: Set<string>;
  lastSeen: number;
}

export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

/**
 * Contract: `aggregate(e)` returns the event to record and the key under which its
 * occurrences are counted: `e` itself and its own key, or a new combined event and the
 * group's key once the group has `maxEvents` distinct messages within the window.
 */
export class EventAggregator {
  private readonly records: LruCache<string, AggregateRecord>;
  private readonly maxEvents: number;
  private readonly maxIntervalMs: number;

  constructor(
    private readonly clock: Clock,
    options: AggregatorOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? 10;
    this.maxIntervalMs = (options.maxIntervalSeconds ?? 600) * 1000;
    this.records = new LruCache(options.cacheSize ?? 4096);
  }

  aggregate(event: Event): { event: Event; key: string } {
    const now = this.clock.now();
    const { aggregate, local } = aggregateKeys(event);
    let record = this.records.get(aggregate);
    if (record === undefined || now - record.lastSeen > this.maxIntervalMs) record = { localKeys: new Set(), lastSeen: now };
    record.localKeys.add(local);
    record.lastSeen = now;
    this.records.set(aggregate, record);
    if (record.localKeys.size < this.maxEvents) return { event, key: eventKey(event) };
    // Keep the set at its bound (upstream drops an arbitrary member).
    record.localKeys.delete(record.localKeys.values().next().value as string);
    const timestamp = formatTime(now);
    const combined: Event = {
      metadata: { name: eventName(event.involvedObject.name ?? '', now), namespace: event.metadata?.namespace },
      involvedObject: event.involvedObject,
      count: 1,
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      message: AGGREGATE_MESSAGE_PREFIX + (event.message ?? ''),
      type: event.type,
      reason: event.reason,
      source: event.source,
    };
    return { event: combined, key: aggregate };
  }
}
