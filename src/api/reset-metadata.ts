// What a subresource write may not change in metadata (upstream's ResetObjectMetaForStatus):
// labels, annotations, finalizers and owner references stay as stored. (The generic store
// already keeps deletionTimestamp and generation.)

import type { ApiObject } from './strategy.js';

const KEPT = ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

/** Puts `old`'s labels, annotations, finalizers and owner references back into `obj`. */
export function resetMetadataForSubresource(obj: ApiObject, old: ApiObject): void {
  const meta: Record<string, unknown> = obj.metadata;
  for (const field of KEPT) {
    if (old.metadata[field] === undefined) delete meta[field];
    else meta[field] = old.metadata[field];
  }
}
