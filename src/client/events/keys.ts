// The keys by which upstream's correlator groups events. Upstream joins the fields with
// no separator; a NUL between them keeps distinct fields from running into each other.

import type { Event } from '../types/core.js';

const SEP = '\u0000';

function objectParts(event: Event): string[] {
  const o = event.involvedObject;
  return [o.kind ?? '', o.namespace ?? '', o.name ?? '', o.uid ?? '', o.apiVersion ?? ''];
}

function sourceParts(event: Event): string[] {
  return [event.source?.component ?? '', event.source?.host ?? ''];
}

/** Identical events: same source, object (and field path), type, reason and message. */
export function eventKey(event: Event): string {
  const o = event.involvedObject;
  return [
    ...sourceParts(event),
    o.kind ?? '', o.namespace ?? '', o.name ?? '', o.fieldPath ?? '', o.uid ?? '', o.apiVersion ?? '',
    event.type ?? '', event.reason ?? '', event.message ?? '',
  ].join(SEP);
}

/** The spam filter's bucket: one per source and object. */
export function spamKey(event: Event): string {
  return [...sourceParts(event), ...objectParts(event)].join(SEP);
}

/** Similar events (differing only in message): the aggregation group, and the message as the local key. */
export function aggregateKeys(event: Event): { aggregate: string; local: string } {
  const aggregate = [
    ...sourceParts(event), ...objectParts(event),
    event.type ?? '', event.reason ?? '', event.reportingComponent ?? '', event.reportingInstance ?? '',
  ].join(SEP);
  return { aggregate, local: event.message ?? '' };
}
