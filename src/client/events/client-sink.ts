// The EventSink that writes through the API: POST to create, strategic-merge PATCH to
// count a repeat (as client-go's EventSinkImpl).

import type { Client } from '../client.js';
import type { Event } from '../types/core.js';
import type { EventPatch } from './event-logger.js';
import type { EventSink } from './sink.js';

export function clientEventSink(client: Client): EventSink {
  return {
    create: (event: Event) => client.events(event.metadata?.namespace ?? 'default').create(event),
    patch: (event: Event, patch: EventPatch) =>
      client.events(event.metadata?.namespace ?? 'default').patch(event.metadata?.name ?? '', 'strategic', patch),
  };
}
