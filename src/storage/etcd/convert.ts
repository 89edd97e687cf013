// etcd's key-values and watch events → the Store's types. etcd3 hands 64-bit integers
// over as decimal strings; revisions stay far below 2^53, so they become numbers.
import type { IEvent, IKeyValue } from 'etcd3';
import type { StoreEvent, StoredValue } from '../store.js';
import type { KeySpace } from './keys.js';

export function toStoredValue(kv: IKeyValue, keys: KeySpace): StoredValue {
  return {
    key: keys.fromEtcd(kv.key),
    value: plainBytes(kv.value),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
  };
}

/**
 * A watch event. A put is a create when the key's create and mod revisions are equal
 * (its first version); a delete's kv holds only the key and the revision of the delete,
 * so its createRevision comes from the previous value (0 if etcd compacted that away).
 */
export function toStoreEvent(event: IEvent, keys: KeySpace): StoreEvent {
  const { kv, prev_kv: prev } = event;
  const revision = Number(kv.mod_revision);
  const previous = prev ? { prevValue: plainBytes(prev.value), prevRevision: Number(prev.mod_revision) } : {};
  if (event.type === 'Delete') {
    return { type: 'delete', key: keys.fromEtcd(kv.key), revision, createRevision: prev ? Number(prev.create_revision) : 0, ...previous };
  }
  const createRevision = Number(kv.create_revision);
  if (createRevision === revision) {
    return { type: 'create', key: keys.fromEtcd(kv.key), revision, value: plainBytes(kv.value), createRevision };
  }
  return { type: 'update', key: keys.fromEtcd(kv.key), revision, value: plainBytes(kv.value), createRevision, ...previous };
}

/**
 * A Buffer as a plain Uint8Array over the same bytes (no copy), so that values compare
 * equal to other Uint8Arrays; absent values are empty.
 */
export function plainBytes(buffer: Buffer | undefined): Uint8Array {
  return buffer ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(0);
}
