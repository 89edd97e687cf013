// Emptying one namespace (upstream's namespacedResourcesDeleter.deleteAllContent): for each
// namespaced resource, delete the collection, then list what is left, counting remaining
// instances and the finalizers that hold them. Errors of one resource do not stop the
// others; they are reported in the outcome (and so in the namespace's conditions).

import type { ResourceInfo } from '../../api/catalogue.js';
import type { Client } from '../../client/index.js';
import type { DeletionOutcome } from './conditions.js';
import { gvrOf } from '../base/resources.js';

/** `pods`, `deployments.apps`: upstream's GroupResource string. */
function groupResource(info: ResourceInfo): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}

/** Deletes every object of `resources` in `namespace` and reports what remains. */
export async function deleteAllContent(client: Client, namespace: string, resources: readonly ResourceInfo[]): Promise<DeletionOutcome> {
  const outcome: DeletionOutcome = { discoveryFailures: [], deletionFailures: [], remaining: new Map(), finalizers: new Map() };
  await Promise.all(resources.map((info) => deleteResource(client, namespace, info, outcome)));
  return outcome;
}

async function deleteResource(client: Client, namespace: string, info: ResourceInfo, outcome: DeletionOutcome): Promise<void> {
  const resource = client.resource(gvrOf(info)).namespace(namespace);
  const name = groupResource(info);
  try {
    // Listing first spares a write for the many resources a namespace has none of.
    const before = await resource.list();
    if (before.items.length === 0) return;
    await resource.deleteCollection({}, { propagationPolicy: 'Background' });
    const after = await resource.list();
    if (after.items.length === 0) return;
    outcome.remaining.set(name, after.items.length);
    for (const item of after.items) {
      for (const finalizer of item.metadata?.finalizers ?? []) outcome.finalizers.set(finalizer, (outcome.finalizers.get(finalizer) ?? 0) + 1);
    }
  } catch (error) {
    outcome.deletionFailures.push(`${name}: ${(error as Error).message}`);
  }
}
