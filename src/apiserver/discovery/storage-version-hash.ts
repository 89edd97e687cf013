// The `storageVersionHash` discovery publishes for each stored resource: the first 8
// bytes of sha256("<group>/<version>/<kind>") of the version the resource is stored in,
// in base64 (upstream's storageversionhash.StorageVersionHash). The storage version
// migrator compares it across restarts; clients treat it as opaque.

import { createHash } from 'node:crypto';
import type { KindRef, ResourceInfo } from '../../api/catalogue.js';
import { storageOf } from '../../api/storage-versions.js';

/**
 * The kind a resource is stored as, or undefined for resources without storage of their
 * own (bindings, reviews, component statuses).
 */
export function storageKindOf(info: ResourceInfo): KindRef | undefined {
  const stored = storageOf(info);
  return stored === undefined ? undefined : { group: stored.group, version: stored.version, kind: stored.kind };
}

/** The hash discovery shows for a resource, or undefined when it has no storage of its own. */
export function storageVersionHash(info: ResourceInfo): string | undefined {
  const stored = storageKindOf(info);
  if (stored === undefined) return undefined;
  const digest = createHash('sha256').update(`${stored.group}/${stored.version}/${stored.kind}`).digest();
  return digest.subarray(0, 8).toString('base64');
}
