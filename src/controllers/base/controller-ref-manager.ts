// Adoption and release (upstream's PodControllerRefManager and ReplicaSetControllerRefManager):
// a controller owns the objects whose controller reference names it; it adopts orphans its
// selector matches, and releases objects it owns that its selector no longer matches. Both
// are strategic-merge patches of ownerReferences keyed by uid, carrying the object's uid so
// that an object replaced under the same name is never touched.

import { isNotFound } from '../../machinery/errors.js';
import type { LabelSelector } from '../../machinery/label-selector.js';
import type { KubeObject, OwnerReference } from '../../machinery/meta.js';
import type { ResourceClient } from '../../client/index.js';
import { controllerRef } from './pods.js';

export interface ClaimOptions<T extends KubeObject> {
  /** The dependents' resource, in the owner's namespace. */
  readonly dependents: ResourceClient<T>;
  /** The controller reference to set on adopted objects (controller and blockOwnerDeletion true). */
  readonly ref: OwnerReference;
  readonly owner: KubeObject;
  readonly selector: LabelSelector;
  /**
   * Whether the owner may still adopt: upstream re-reads it from the API server once per
   * sync, before the first adoption, so that a deleted owner does not adopt from a stale cache.
   */
  canAdopt(): Promise<boolean>;
}

/** The objects the owner manages after adopting and releasing them. */
export async function claimObjects<T extends KubeObject>(objects: readonly T[], options: ClaimOptions<T>): Promise<T[]> {
  const claimed: T[] = [];
  let adoptable: boolean | undefined;
  for (const obj of objects) {
    const ref = controllerRef(obj);
    const matches = options.selector.matches(obj.metadata?.labels);
    if (ref !== undefined) {
      if (ref.uid !== options.ref.uid) continue;
      if (matches) claimed.push(obj);
      else if (options.owner.metadata?.deletionTimestamp === undefined) await release(options, obj);
      continue;
    }
    if (!matches || obj.metadata?.deletionTimestamp !== undefined || options.owner.metadata?.deletionTimestamp !== undefined) continue;
    adoptable ??= await options.canAdopt();
    if (!adoptable) continue;
    const adopted = await adopt(options, obj);
    if (adopted !== undefined) claimed.push(adopted);
  }
  return claimed;
}

async function adopt<T extends KubeObject>(options: ClaimOptions<T>, obj: T): Promise<T | undefined> {
  const patch = { metadata: { ownerReferences: [options.ref], uid: obj.metadata?.uid } };
  try {
    return await options.dependents.patch(obj.metadata?.name ?? '', 'strategic', patch);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function release<T extends KubeObject>(options: ClaimOptions<T>, obj: T): Promise<void> {
  const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: options.ref.uid }], uid: obj.metadata?.uid } };
  try {
    await options.dependents.patch(obj.metadata?.name ?? '', 'strategic', patch);
  } catch (error) {
    // Gone, or the patch no longer applies (the obj was replaced): nothing to release.
    if (!isNotFound(error)) throw error;
  }
}
