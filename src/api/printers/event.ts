// Events, in either of their served shapes (core/v1 and events.k8s.io/v1 name the same
// fields differently): LAST SEEN, TYPE, REASON, OBJECT (`kind/name` in lower case),
// MESSAGE; wide: SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME.

import { column, wide } from './columns.js';
import type { ObjectView } from './cells.js';
import { since, timeOf } from './duration.js';
import type { PrintableObject, TablePrinter } from './table.js';

interface ObjectReferenceView {
  kind?: string;
  name?: string;
  fieldPath?: string;
}

interface SeriesView {
  count?: number;
  lastObservedTime?: string;
}

/** An Event of either group, fields as each serializes them. */
interface EventView extends ObjectView {
  type?: string;
  reason?: string;
  eventTime?: string;
  series?: SeriesView;
  reportingInstance?: string;
  // core/v1
  message?: string;
  involvedObject?: ObjectReferenceView;
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  // events.k8s.io/v1
  note?: string;
  regarding?: ObjectReferenceView;
  deprecatedFirstTimestamp?: string;
  deprecatedLastTimestamp?: string;
  deprecatedCount?: number;
  deprecatedSource?: { component?: string; host?: string };
  reportingController?: string;
}

/** The fields the table reads, under their core/v1 meaning. */
interface EventFields {
  message: string;
  regarding: ObjectReferenceView;
  firstTimestamp?: string;
  lastTimestamp?: string;
  count: number;
  source: { component?: string; host?: string };
  reportingController: string;
}

function fieldsOf(event: EventView): EventFields {
  return {
    message: event.message ?? event.note ?? '',
    regarding: event.involvedObject ?? event.regarding ?? {},
    firstTimestamp: event.firstTimestamp ?? event.deprecatedFirstTimestamp,
    lastTimestamp: event.lastTimestamp ?? event.deprecatedLastTimestamp,
    count: event.count ?? event.deprecatedCount ?? 0,
    source: event.source ?? event.deprecatedSource ?? {},
    reportingController: event.reportingComponent ?? event.reportingController ?? '',
  };
}

/** `component, host`, each falling back to the reporting controller and instance. */
function source(event: EventView, fields: EventFields): string {
  const component = fields.source.component || fields.reportingController;
  const instance = fields.source.host || (event.reportingInstance ?? '');
  return instance === '' ? component : `${component}, ${instance}`;
}

function eventCells(event: EventView, now: Date): unknown[] {
  const fields = fieldsOf(event);
  // Events of the new API carry eventTime instead of the deprecated timestamps.
  const first = since(timeOf(fields.firstTimestamp) === undefined ? event.eventTime : fields.firstTimestamp, now);
  let last = timeOf(fields.lastTimestamp) === undefined ? first : since(fields.lastTimestamp, now);
  let count = fields.count;
  if (event.series != null) {
    last = since(event.series.lastObservedTime, now);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const kind = (fields.regarding.kind ?? '').toLowerCase();
  const target = fields.regarding.name ? `${kind}/${fields.regarding.name}` : kind;
  return [
    last,
    event.type ?? '',
    event.reason ?? '',
    target,
    fields.regarding.fieldPath ?? '',
    source(event, fields),
    fields.message.trim(),
    first,
    count,
    event.metadata?.name ?? '',
  ];
}

export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'string', 'Time since the event was last observed.'),
    column('Type', 'string', 'Normal or Warning.'),
    column('Reason', 'string', 'Short machine-readable cause of the event.'),
    column('Object', 'string', 'The object the event is about, as kind/name.'),
    wide('Subobject', 'string', 'The part of the object the event is about (a container, say).'),
    wide('Source', 'string', 'The component, and host, that reported the event.'),
    column('Message', 'string', 'What happened, in words.'),
    wide('First Seen', 'string', 'Time since the event was first observed.'),
    wide('Count', 'string', 'How many times the event was observed.'),
    column('Name', 'string', 'Name of the event.', { format: 'name', priority: 1 }),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    return eventCells(obj as EventView, now);
  },
};
