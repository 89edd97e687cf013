// Where the recorder writes Events. The client-backed sink lives in client-sink.ts; tests
// and in-process components may provide their own.

import type { Event } from '../types/core.js';
import type { EventPatch } from './event-logger.js';

/**
 * Stores Events.
 * Contract: `create` stores a new Event in `event.metadata.namespace` and returns what the
 * server stored; `patch` applies a strategic-merge patch to the Event named in
 * `event.metadata`. Both reject with the client's errors (APIError for an answer,
 * NetworkError for none).
 */
export interface EventSink {
  create(event: Event): Promise<Event>;
  patch(event: Event, patch: EventPatch): Promise<Event>;
}
