// The `storageVersionHash` discovery publishes for each stored resource: the first 8
// bytes of sha256("<group>/<version>/<kind>") of the version the resource is stored in,
// in base64 (upstream's storageversionhash.StorageVersionHash). The storage version
// migrator compares it across restarts; clients treat it as opaque.

import { createHash } from 'node:crypto';
import type { KindRef, ResourceInfo } from '../../api/catalogue.js';

/**
 * Resources stored in another group/version than the one they are served in. Upstream
 * keeps HorizontalPodAutoscalers as autoscaling/v2 and events.k8s.io Events as core
 * Events. (The registry stores them the same way.)
 */
const STORED_ELSEWHERE: Readonly<Record<string, KindRef>> = {
  'autoscaling/v1/horizontalpodautoscalers': { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' },
  'events.k8s.io/v1/events': { group: '', version: 'v1', kind: 'Event' },
};

/**
 * The kind a resource is stored as, or undefined for resources without storage of their
 * own (bindings, reviews, component statuses): exactly those that cannot be watched.
 */
function storageKindOf(info: ResourceInfo): KindRef | undefined {
  if (!info.verbs.includes('watch')) return undefined;
  return STORED_ELSEWHERE[`${info.group}/${info.version}/${info.resource}`] ?? { group: info.group, version: info.version, kind: info.kind };
}

/** The hash discovery shows for a resource, or undefined when it has no storage of its own. */
export function storageVersionHash(info: ResourceInfo): string | undefined {
  const stored = storageKindOf(info);
  if (stored === undefined) return undefined;
  const digest = createHash('sha256').update(`${stored.group}/${stored.version}/${stored.kind}`).digest();
  return digest.subarray(0, 8).toString('base64');
}
