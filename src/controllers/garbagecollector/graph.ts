// The garbage collector's view of the cluster (upstream's GraphBuilder, reduced): one node
// per object of every watched resource, keyed by uid, and the reverse edges owner uid →
// dependents. Built only from informer events, so it may lag the server: decisions that
// delete something are confirmed with a live read (see owner-check.ts).

import type { ResourceInfo } from '../../api/catalogue.js';
import type { KubeObject, OwnerReference } from '../../machinery/meta.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export interface GraphNode {
  readonly uid: string;
  readonly info: ResourceInfo;
  readonly namespace: string;
  readonly name: string;
  readonly owners: readonly OwnerReference[];
  readonly finalizers: readonly string[];
  readonly deleting: boolean;
}

export function nodeOf(info: ResourceInfo, obj: KubeObject): GraphNode | undefined {
  const meta = obj.metadata;
  if (meta?.uid === undefined || meta.name === undefined) return undefined;
  return {
    uid: meta.uid,
    info,
    namespace: meta.namespace ?? '',
    name: meta.name,
    owners: meta.ownerReferences ?? [],
    finalizers: meta.finalizers ?? [],
    deleting: meta.deletionTimestamp !== undefined,
  };
}

/** Whether the node is an owner in foreground deletion, waiting for its blocking dependents. */
export function waitingForDependents(node: GraphNode): boolean {
  return node.deleting && node.finalizers.includes(FOREGROUND_FINALIZER);
}

/**
 * Nodes and owner→dependent edges.
 * Contract: after upsert(n), dependents(o) holds n.uid exactly for the owners o that n's
 * latest ownerReferences name; remove(uid) drops the node and its outgoing edges (the
 * edges of its own dependents stay, pointing at an owner that is gone).
 */
export class OwnershipGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependentsByOwner = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  /** Stores the node; returns the previous version. */
  upsert(node: GraphNode): GraphNode | undefined {
    const old = this.nodes.get(node.uid);
    if (old !== undefined) this.unlink(old);
    this.nodes.set(node.uid, node);
    for (const ref of node.owners) {
      let set = this.dependentsByOwner.get(ref.uid);
      if (set === undefined) this.dependentsByOwner.set(ref.uid, (set = new Set()));
      set.add(node.uid);
    }
    return old;
  }

  remove(uid: string): GraphNode | undefined {
    const old = this.nodes.get(uid);
    if (old === undefined) return undefined;
    this.unlink(old);
    this.nodes.delete(uid);
    return old;
  }

  /** The known dependents of `ownerUid`. */
  dependents(ownerUid: string): GraphNode[] {
    const out: GraphNode[] = [];
    for (const uid of this.dependentsByOwner.get(ownerUid) ?? []) {
      const node = this.nodes.get(uid);
      if (node !== undefined) out.push(node);
    }
    return out;
  }

  /** Dependents whose reference to `ownerUid` has blockOwnerDeletion. */
  blockingDependents(ownerUid: string): GraphNode[] {
    return this.dependents(ownerUid).filter((d) => d.owners.some((ref) => ref.uid === ownerUid && ref.blockOwnerDeletion === true));
  }

  private unlink(node: GraphNode): void {
    for (const ref of node.owners) {
      const set = this.dependentsByOwner.get(ref.uid);
      set?.delete(node.uid);
      if (set?.size === 0) this.dependentsByOwner.delete(ref.uid);
    }
  }
}
