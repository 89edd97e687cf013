// Classifying a dependent's owners with live reads (upstream's classifyReferences): the
// graph may not yet know an owner that was just created, so an owner counts as absent only
// when the API server says so — not found, or found under the same name with another uid —
// or said so before (AbsentOwners).

import { findByKind } from '../../api/catalogue.js';
import { isNotFound } from '../../machinery/errors.js';
import type { OwnerReference } from '../../machinery/meta.js';
import type { Client } from '../../client/index.js';
import { gvrOf, parseApiVersion } from '../base/resources.js';
import type { AbsentOwners } from './absent-owners.js';
import { FOREGROUND_FINALIZER } from './graph.js';

/** Thrown when an owner reference names a kind the API does not serve (retried with back-off, as upstream). */
export class UnknownOwnerKindError extends Error {
  constructor(readonly ref: OwnerReference) {
    super(`owner reference names an unknown kind ${ref.kind} in ${ref.apiVersion}`);
    this.name = 'UnknownOwnerKindError';
  }
}

export interface ClassifiedOwners {
  /** Owners that exist and are not being deleted in the foreground. */
  readonly solid: OwnerReference[];
  /** Owners that no longer exist. */
  readonly dangling: OwnerReference[];
  /** Owners in foreground deletion, waiting for their dependents. */
  readonly waiting: OwnerReference[];
}

export async function classifyOwners(client: Client, dependentNamespace: string, owners: readonly OwnerReference[], absent: AbsentOwners): Promise<ClassifiedOwners> {
  const result: ClassifiedOwners = { solid: [], dangling: [], waiting: [] };
  for (const ref of owners) {
    const { group, version } = parseApiVersion(ref.apiVersion);
    const info = findByKind(group, version, ref.kind);
    if (info === undefined) throw new UnknownOwnerKindError(ref);
    // A namespaced owner lives in its dependent's namespace; cluster-scoped owners have none.
    const ownerNamespace = info.namespaced ? dependentNamespace : '';
    if (absent.has(ownerNamespace, ref.uid)) {
      result.dangling.push(ref);
      continue;
    }
    let resource = client.resource(gvrOf(info));
    if (info.namespaced) resource = resource.namespace(dependentNamespace);
    try {
      const owner = await resource.get(ref.name);
      if (owner.metadata?.uid !== ref.uid) {
        absent.add(ownerNamespace, ref.uid);
        result.dangling.push(ref);
      } else if (owner.metadata.deletionTimestamp !== undefined && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) result.waiting.push(ref);
      else result.solid.push(ref);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      absent.add(ownerNamespace, ref.uid);
      result.dangling.push(ref);
    }
  }
  return result;
}
