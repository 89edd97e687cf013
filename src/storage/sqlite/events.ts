// Building StoreEvents, the same shape whether they come from a write just committed or
// from a row of history, so that a watcher cannot tell the two apart.
import type { StoreEvent } from '../store.js';
import type { HistoryRow } from './statements.js';

/** The value a key held before a change. */
export interface Previous {
  readonly value: Uint8Array;
  readonly revision: number;
  readonly createRevision: number;
}

export function createEvent(key: string, revision: number, value: Uint8Array): StoreEvent {
  return { type: 'create', key, revision, value, createRevision: revision };
}

export function updateEvent(key: string, revision: number, value: Uint8Array, prev: Previous): StoreEvent {
  return {
    type: 'update',
    key,
    revision,
    value,
    createRevision: prev.createRevision,
    prevValue: prev.value,
    prevRevision: prev.revision,
  };
}

export function deleteEvent(key: string, revision: number, prev: Previous): StoreEvent {
  return { type: 'delete', key, revision, createRevision: prev.createRevision, prevValue: prev.value, prevRevision: prev.revision };
}

export function historyEvent(row: HistoryRow): StoreEvent {
  const value = row.value ?? Buffer.alloc(0);
  if (row.prev_revision === 0) return createEvent(row.key, row.id, value);
  // Compaction never removes the row a kept row supersedes, so prev_value is present.
  const prev = { value: row.prev_value ?? Buffer.alloc(0), revision: row.prev_revision, createRevision: row.create_revision };
  return row.deleted === 1 ? deleteEvent(row.key, row.id, prev) : updateEvent(row.key, row.id, value, prev);
}
