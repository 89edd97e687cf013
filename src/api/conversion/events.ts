// events.k8s.io/v1 Event ↔ core/v1 Event (the storage version). The two are one object
// under different field names: the newer API renamed the older fields and kept the old
// ones as `deprecated…`.

import type { ApiObject } from '../strategy.js';

/** events.k8s.io/v1 field → core/v1 field. Fields not listed keep their names. */
const RENAMES: ReadonlyArray<readonly [string, string]> = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

function rename(obj: ApiObject, pairs: ReadonlyArray<readonly [string, string]>, apiVersion: string): ApiObject {
  const out: ApiObject = { ...obj, apiVersion, kind: 'Event' };
  for (const [from, to] of pairs) {
    if (!(from in obj)) continue;
    out[to] = obj[from];
    delete out[from];
  }
  return out;
}

const TO_CORE = RENAMES;
const TO_EVENTS = RENAMES.map(([a, b]) => [b, a] as const);

export function eventsV1ToCore(obj: ApiObject): ApiObject {
  return rename(obj, TO_CORE, 'v1');
}

export function coreToEventsV1(obj: ApiObject): ApiObject {
  return rename(obj, TO_EVENTS, 'events.k8s.io/v1');
}
