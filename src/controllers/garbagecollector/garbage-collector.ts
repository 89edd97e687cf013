// The garbage collector (upstream's pkg/controller/garbagecollector): keeps an ownership
// graph over every deletable resource and works two queues of object uids.
//
//   attemptToDelete(uid):
//     owner in foreground deletion ─▶ no blocking dependent left ─▶ remove `foregroundDeletion`
//                                  └▶ otherwise enqueue each blocking dependent (it is deleted below)
//     dependent ─▶ classify owners by live GET ─┬─ some owner solid ─▶ drop references to absent/waiting owners
//                                               ├─ an owner waiting and it has dependents ─▶ delete it, Foreground
//                                               └─ otherwise ─▶ delete it (Background, or the policy its finalizers say)
//   attemptToOrphan(uid): owner with `orphan` ─▶ remove its references from every dependent ─▶ remove `orphan`
//   An owner a GET found gone is not asked for again (AbsentOwners: uids never come back).
//
// Handlers only update the graph and enqueue uids; a dependent is enqueued when one of its
// owners is unknown to the graph, being deleted, or gone. Deletes carry a uid
// precondition, so a re-created object of the same name is never hit.

import type { ResourceInfo } from '../../api/catalogue.js';
import { isConflict, isNotFound } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { RateLimitingQueue, deletedObject, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { gvrOf, resourcesWithVerbs } from '../base/resources.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, OwnershipGraph, nodeOf, waitingForDependents, type GraphNode } from './graph.js';
import { removeFinalizer, removeOwnerReferences, resourceOf } from './object-edits.js';
import { AbsentOwners } from './absent-owners.js';
import { classifyOwners } from './owner-check.js';

/** Upstream's collector ignores events: they are many, short-lived and never owners. */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/** The resources the collector watches: every one that can be listed, watched and deleted. */
export function collectableResources(): ResourceInfo[] {
  return resourcesWithVerbs(['delete', 'list', 'watch'], (r) => !IGNORED.has(`${r.group}/${r.resource}`));
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  readonly graph = new OwnershipGraph();
  private readonly attemptToDelete = new RateLimitingQueue<string>();
  private readonly attemptToOrphan = new RateLimitingQueue<string>();
  private readonly absentOwners = new AbsentOwners();
  private readonly informers: SharedInformer<KubeObject>[] = [];

  constructor(private readonly ctx: ControllerContext) {
    for (const info of collectableResources()) {
      const informer = ctx.informers.informerFor(gvrOf(info));
      informer.addEventHandler({
        onAdd: (obj) => this.observe(info, obj),
        onUpdate: (_old, obj) => this.observe(info, obj),
        onDelete: (obj) => this.forget(deletedObject(obj)),
      });
      this.informers.push(informer);
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, ...this.informers))) return;
    const workers = this.ctx.workers ?? 20; // upstream's --concurrent-gc-syncs
    await Promise.all([
      runWorkers(`${this.name} (delete)`, this.attemptToDelete, (uid) => this.syncDelete(uid), workers, signal, this.ctx.logger),
      runWorkers(`${this.name} (orphan)`, this.attemptToOrphan, (uid) => this.syncOrphan(uid), workers, signal, this.ctx.logger),
    ]);
  }

  private observe(info: ResourceInfo, obj: KubeObject): void {
    const node = nodeOf(info, obj);
    if (node === undefined) return;
    const old = this.graph.upsert(node);
    if (node.deleting && node.finalizers.includes(ORPHAN_FINALIZER)) this.attemptToOrphan.add(node.uid);
    if (waitingForDependents(node)) this.attemptToDelete.add(node.uid);
    if (!node.deleting && node.owners.some((ref) => this.ownerNeedsCheck(ref.uid))) this.attemptToDelete.add(node.uid);
    // A reference dropped (or a dependent now deleting) may unblock an owner waiting in the foreground.
    for (const ref of old?.owners ?? []) this.wakeWaitingOwner(ref.uid);
  }

  private forget(obj: KubeObject): void {
    const uid = obj.metadata?.uid;
    if (uid === undefined) return;
    const gone = this.graph.remove(uid);
    for (const dependent of this.graph.dependents(uid)) this.attemptToDelete.add(dependent.uid);
    for (const ref of gone?.owners ?? []) this.wakeWaitingOwner(ref.uid);
  }

  /** An owner the graph does not know, or knows to be going, must be looked at. */
  private ownerNeedsCheck(ownerUid: string): boolean {
    const owner = this.graph.get(ownerUid);
    return owner === undefined || owner.deleting;
  }

  private wakeWaitingOwner(ownerUid: string): void {
    const owner = this.graph.get(ownerUid);
    if (owner !== undefined && waitingForDependents(owner)) this.attemptToDelete.add(ownerUid);
  }

  private async syncDelete(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (node === undefined) return;
    if (node.deleting) {
      if (waitingForDependents(node)) await this.processDeletingDependents(node);
      return;
    }
    if (node.owners.length === 0) return;
    const owners = await classifyOwners(this.ctx.client, node.namespace, node.owners, this.absentOwners);
    if (owners.solid.length > 0) {
      const absent = new Set([...owners.dangling, ...owners.waiting].map((ref) => ref.uid));
      if (absent.size > 0) await removeOwnerReferences(this.ctx.client, node, absent);
      return;
    }
    const foreground = owners.waiting.length > 0 && this.graph.dependents(uid).length > 0;
    await this.deleteNode(node, foreground ? 'Foreground' : policyOf(node));
  }

  /** An owner in foreground deletion: its finalizer goes once no blocking dependent is left. */
  private async processDeletingDependents(owner: GraphNode): Promise<void> {
    const blocking = this.graph.blockingDependents(owner.uid);
    if (blocking.length === 0) {
      await removeFinalizer(this.ctx.client, owner, FOREGROUND_FINALIZER);
      return;
    }
    for (const dependent of blocking) if (!dependent.deleting) this.attemptToDelete.add(dependent.uid);
  }

  private async syncOrphan(uid: string): Promise<void> {
    const owner = this.graph.get(uid);
    if (owner === undefined || !owner.deleting || !owner.finalizers.includes(ORPHAN_FINALIZER)) return;
    const only = new Set([uid]);
    for (const dependent of this.graph.dependents(uid)) await removeOwnerReferences(this.ctx.client, dependent, only);
    await removeFinalizer(this.ctx.client, owner, ORPHAN_FINALIZER);
  }

  private async deleteNode(node: GraphNode, propagationPolicy: 'Background' | 'Foreground' | 'Orphan'): Promise<void> {
    try {
      await resourceOf(this.ctx.client, node).delete(node.name, { preconditions: { uid: node.uid }, propagationPolicy });
    } catch (error) {
      // Gone already, or the name now belongs to another object: nothing of ours to delete.
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
  }
}

/** The propagation a dependent asks for through its own finalizers (upstream keeps it); Background otherwise. */
function policyOf(node: GraphNode): 'Background' | 'Foreground' | 'Orphan' {
  if (node.finalizers.includes(ORPHAN_FINALIZER)) return 'Orphan';
  if (node.finalizers.includes(FOREGROUND_FINALIZER)) return 'Foreground';
  return 'Background';
}
