// The garbage collector's writes other than deletes: removing a finalizer from an owner and
// owner references from a dependent. Each reads the live object and PUTs a changed copy
// carrying its resourceVersion, so a concurrent change fails with a conflict and the key
// is retried rather than overwritten.

import { isNotFound } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { Client, ResourceClient } from '../../client/index.js';
import { gvrOf } from '../base/resources.js';
import type { GraphNode } from './graph.js';

export function resourceOf(client: Client, node: GraphNode): ResourceClient {
  const resource = client.resource(gvrOf(node.info));
  return node.info.namespaced ? resource.namespace(node.namespace) : resource;
}

/** Applies `edit` to the live object of `node` (same uid) and writes it; no write when edit returns undefined. */
async function editLive(client: Client, node: GraphNode, edit: (obj: KubeObject) => KubeObject | undefined): Promise<void> {
  const resource = resourceOf(client, node);
  try {
    const live = await resource.get(node.name);
    if (live.metadata?.uid !== node.uid) return;
    const changed = edit(live);
    if (changed !== undefined) await resource.update(changed);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export function removeFinalizer(client: Client, node: GraphNode, finalizer: string): Promise<void> {
  return editLive(client, node, (obj) => {
    const finalizers = obj.metadata?.finalizers ?? [];
    if (!finalizers.includes(finalizer)) return undefined;
    return { ...obj, metadata: { ...obj.metadata, finalizers: finalizers.filter((f) => f !== finalizer) } };
  });
}

export function removeOwnerReferences(client: Client, node: GraphNode, ownerUids: ReadonlySet<string>): Promise<void> {
  return editLive(client, node, (obj) => {
    const refs = obj.metadata?.ownerReferences ?? [];
    const kept = refs.filter((ref) => !ownerUids.has(ref.uid));
    if (kept.length === refs.length) return undefined;
    // An empty list is left out rather than written as [] (as upstream's omitempty).
    return { ...obj, metadata: { ...obj.metadata, ownerReferences: kept.length === 0 ? undefined : kept } };
  });
}
