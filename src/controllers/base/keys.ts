// Enqueueing from informer handlers: the key of an object, or of a tombstone's last state.

import { objectKey, type KubeObject } from '../../machinery/meta.js';
import { deletedObject, type DeletedFinalStateUnknown } from '../../client/index.js';

/** The `namespace/name` key of an object or of a deletion tombstone. */
export function keyOf<T extends KubeObject>(obj: T | DeletedFinalStateUnknown<T>): string {
  return objectKey(deletedObject(obj));
}
