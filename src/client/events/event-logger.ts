// Upstream's eventLogger: remembers, per event key, how often the event occurred, when
// first, and under which name the server stored it. A repeat becomes a PATCH of that
// Event (count + 1, new lastTimestamp and message) instead of a new object.

import type { Event } from '../types/core.js';
import { eventKey } from './keys.js';
import { LruCache } from './lru.js';

interface Observation {
  readonly count: number;
  readonly firstTimestamp: string | undefined;
  readonly name: string;
  readonly resourceVersion: string;
}

/** The strategic-merge patch body for a repeated event. */
export interface EventPatch {
  count: number;
  lastTimestamp: string | undefined;
  message: string | undefined;
}

/**
 * Contract: `observe(e, key)` returns a copy of `e`; when `key` was seen before, the copy
 * carries the stored name, resourceVersion and firstTimestamp, its count is one more, and
 * a patch is returned with it.
 */
export class EventLogger {
  private readonly observations: LruCache<string, Observation>;

  constructor(cacheSize = 4096) {
    this.observations = new LruCache(cacheSize);
  }

  observe(newEvent: Event, key: string): { event: Event; patch?: EventPatch } {
    const event: Event = { ...newEvent, metadata: { ...newEvent.metadata } };
    const last = this.observations.get(key);
    let patch: EventPatch | undefined;
    if (last !== undefined && last.count > 0) {
      event.metadata = { ...event.metadata, name: last.name, resourceVersion: last.resourceVersion };
      event.firstTimestamp = last.firstTimestamp;
      event.count = last.count + 1;
      patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
    }
    this.remember(key, event);
    return patch === undefined ? { event } : { event, patch };
  }

  /** Records what the server returned, so that the next repeat patches the right object. */
  updateState(stored: Event): void {
    this.remember(eventKey(stored), stored);
  }

  private remember(key: string, event: Event): void {
    this.observations.set(key, {
      count: event.count ?? 0,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata?.name ?? '',
      resourceVersion: event.metadata?.resourceVersion ?? '',
    });
  }
}
