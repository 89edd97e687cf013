// The DaemonSet controller (upstream's pkg/controller/daemon): one pod per eligible node,
// pinned to it through required node affinity on metadata.name and bound by the scheduler.
//
//   sync(ns/name): gone ─▶ drop expectations
//                  claim pods; group them by target node; ensure the ControllerRevision
//                  expectations satisfied and not deleting ─▶ manage (create/remove per node);
//                  nothing to manage and RollingUpdate ─▶ rolling update (plan.ts)
//                  write status; drop revisions beyond revisionHistoryLimit
//
// Handlers: DaemonSet changes enqueue it; pods enqueue their owner (and record observed
// creations/deletions); node changes that affect placement enqueue every DaemonSet.

import { getScaledValueFromIntOrPercent } from '../../machinery/int-or-string.js';
import { isConflict, isNotFound } from '../../machinery/errors.js';
import { labelSelectorFromObject, type LabelSelector } from '../../machinery/label-selector.js';
import { objectKey, splitNamespacedKey, type OwnerReference } from '../../machinery/meta.js';
import { parseTime } from '../../machinery/time.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type DeletedFinalStateUnknown, type Node, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { CONTROLLER_REVISIONS, CONTROLLER_REVISION_HASH_LABEL, ensureRevision, hashOf, ownedRevisions, templateRevisionData, truncateHistory, type ControllerRevision } from '../base/controller-history.js';
import { claimObjects } from '../base/controller-ref-manager.js';
import { canonicalJson } from '../base/canonical-json.js';
import { Expectations } from '../base/expectations.js';
import { controllerRef, isPodReady } from '../base/pods.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { daemonTolerations, nodeShouldRunDaemonPod, pinnedAffinity, targetNodeName, withTolerations } from './placement.js';
import { planManage, planRollingUpdate, type NodeDaemonPods, type SyncPlan } from './plan.js';
import { computeStatus, statusChanged } from './status.js';
import { DAEMON_SETS, TEMPLATE_GENERATION_LABEL, type DaemonSet, type DaemonSetStatus, type PlacementSpec } from './types.js';

const DEFAULT_REVISION_HISTORY_LIMIT = 10;

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  /** Creations and deletions are awaited separately: one sync may ask for both. */
  private readonly creations = new Expectations();
  private readonly deletions = new Expectations();
  private readonly queue = new RateLimitingQueue<string>();
  private readonly daemonSets: SharedInformer<DaemonSet>;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  private readonly revisions: SharedInformer<ControllerRevision>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.daemonSets = ctx.informers.informerFor<DaemonSet>(DAEMON_SETS);
    this.pods = ctx.informers.pods();
    this.nodes = ctx.informers.nodes();
    this.revisions = ctx.informers.informerFor<ControllerRevision>(CONTROLLER_REVISIONS);
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: 'daemonset-controller', logger: ctx.logger });
    this.daemonSets.addEventHandler({
      onAdd: (ds) => this.queue.add(objectKey(ds)),
      onUpdate: (_old, ds) => this.queue.add(objectKey(ds)),
      onDelete: (obj) => {
        const key = objectKey(deletedObject(obj));
        this.creations.delete(key);
        this.deletions.delete(key);
        this.queue.add(key);
      },
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.podAdded(pod), onUpdate: (old, pod) => this.podUpdated(old, pod), onDelete: (pod) => this.podDeleted(pod) });
    this.nodes.addEventHandler({
      onAdd: () => this.enqueueAll(),
      onUpdate: (old, cur) => {
        if (placementView(old) !== placementView(cur)) this.enqueueAll();
      },
      onDelete: () => this.enqueueAll(),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.daemonSets, this.pods, this.nodes, this.revisions))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 2, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  // ---- handlers: only keys and expectations ----

  private enqueueAll(): void {
    for (const ds of this.daemonSets.lister.list()) this.queue.add(objectKey(ds));
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp !== undefined) return this.podDeleted(pod);
    const ds = this.owner(pod);
    if (ds !== undefined) {
      this.creations.creationObserved(objectKey(ds));
      return this.queue.add(objectKey(ds));
    }
    if (controllerRef(pod) === undefined) this.enqueueMatching(pod);
  }

  private podUpdated(old: Pod, cur: Pod): void {
    const oldOwner = this.owner(old);
    if (oldOwner !== undefined && controllerRef(old)?.uid !== controllerRef(cur)?.uid) this.queue.add(objectKey(oldOwner));
    const ds = this.owner(cur);
    if (ds === undefined) {
      if (controllerRef(cur) === undefined) this.enqueueMatching(cur);
      return;
    }
    this.queue.add(objectKey(ds));
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && !isPodReady(old) && isPodReady(cur)) this.queue.addAfter(objectKey(ds), minReady * 1000 + 1000);
  }

  private podDeleted(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    const ds = this.owner(pod);
    if (ds === undefined) return;
    this.deletions.deletionObserved(objectKey(ds), objectKey(pod));
    this.queue.add(objectKey(ds));
  }

  private enqueueMatching(pod: Pod): void {
    for (const ds of this.daemonSets.lister.namespace(pod.metadata?.namespace ?? '').list()) {
      if (selectorOf(ds)?.matches(pod.metadata?.labels) === true) this.queue.add(objectKey(ds));
    }
  }

  private owner(pod: Pod): DaemonSet | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.lister.namespace(pod.metadata?.namespace ?? '').get(ref.name);
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  // ---- sync ----

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const ds = this.daemonSets.lister.namespace(namespace).get(name);
    if (ds === undefined) {
      this.creations.delete(key);
      this.deletions.delete(key);
      return;
    }
    const selector = selectorOf(ds);
    if (selector === undefined || selector.isEverything()) {
      this.ctx.logger.warn(`${this.name}: invalid selector, skipping`, { key });
      return;
    }
    const ref = ownerRefTo(ds);
    const satisfied = this.creations.satisfied(key) && this.deletions.satisfied(key);
    const pods = await claimObjects(this.pods.lister.namespace(namespace).list(), { dependents: this.ctx.client.pods(namespace), ref, owner: ds, selector, canAdopt: () => this.canAdopt(ds) });
    const owned = ownedRevisions(this.revisions.lister.namespace(namespace).list(), ref.uid);
    const ensured = await ensureRevision({ api: this.revisionApi(namespace), owner: ds, ref, labels: { ...ds.spec?.template?.metadata?.labels }, data: templateRevisionData(ds.spec?.template), revisions: owned, collisionCount: ds.status?.collisionCount ?? 0 });
    const hash = hashOf(ensured.revision, name);
    const { nodes, strays } = this.nodeDaemonPods(ds, pods);
    const now = realClock.now();
    let failure: unknown;
    if (satisfied && ds.metadata?.deletionTimestamp === undefined) failure = await this.reconcile(key, ds, nodes, strays, hash, now);
    await this.writeStatus(ds, computeStatus(ds, nodes, hash, ensured.collisionCount, now));
    const live = new Set([ensured.revision.metadata?.name ?? '', ...pods.map((p) => `${name}-${p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''}`)]);
    await truncateHistory(this.revisionApi(namespace), owned, live, ds.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT);
    if (failure !== undefined) throw failure;
  }

  private async reconcile(key: string, ds: DaemonSet, nodes: NodeDaemonPods[], strays: Pod[], hash: string, now: number): Promise<unknown> {
    const strategy = ds.spec?.updateStrategy;
    const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const desired = nodes.filter((n) => n.placement.shouldRun).length;
    const maxSurge = rolling ? getScaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxSurge ?? 0, desired, true) : 0;
    const managed = planManage(nodes, hash, maxSurge > 0);
    const plan: SyncPlan = { create: managed.create, remove: [...managed.remove, ...strays.filter((p) => p.metadata?.deletionTimestamp === undefined)] };
    if (plan.create.length === 0 && plan.remove.length === 0 && rolling) {
      const maxUnavailable = getScaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
      const update = planRollingUpdate({ nodes, hash, maxSurge, maxUnavailable: maxSurge > 0 ? maxUnavailable : Math.max(1, maxUnavailable), minReadySeconds: ds.spec?.minReadySeconds ?? 0, now });
      plan.create.push(...update.create);
      plan.remove.push(...update.remove);
    }
    return this.carryOut(key, ds, plan, hash);
  }

  /** Claimed pods by the node they are for (oldest first); pods for nodes that no longer exist are strays. */
  private nodeDaemonPods(ds: DaemonSet, pods: readonly Pod[]): { nodes: NodeDaemonPods[]; strays: Pod[] } {
    const byNode = new Map<string, Pod[]>();
    const strays: Pod[] = [];
    const nodeNames = new Set(this.nodes.lister.list().map((n) => n.metadata?.name ?? ''));
    for (const pod of [...pods].sort(byCreation)) {
      const target = targetNodeName((pod.spec ?? {}) as PlacementSpec);
      if (target === undefined || !nodeNames.has(target)) strays.push(pod);
      else byNode.set(target, [...(byNode.get(target) ?? []), pod]);
    }
    const spec = (ds.spec?.template?.spec ?? {}) as PlacementSpec;
    const nodes = this.nodes.lister.list().map((node) => ({ name: node.metadata?.name ?? '', placement: nodeShouldRunDaemonPod(node, spec), pods: byNode.get(node.metadata?.name ?? '') ?? [] }));
    return { nodes, strays };
  }

  private async carryOut(key: string, ds: DaemonSet, plan: SyncPlan, hash: string): Promise<unknown> {
    const api = this.ctx.client.pods(ds.metadata?.namespace);
    // Expect everything before the first request: the informer may report it before the request returns.
    this.creations.expectCreations(key, plan.create.length);
    this.deletions.expectDeletions(key, plan.remove.map(objectKey));
    const creates = plan.create.map(async (node) => {
      try {
        await api.create(daemonPod(ds, node, hash));
      } catch (error) {
        this.creations.creationObserved(key);
        this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(error as Error).message}`);
        throw error;
      }
      this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod on node ${node}`);
    });
    const removes = plan.remove.map(async (pod) => {
      try {
        await api.delete(pod.metadata?.name ?? '', { preconditions: { uid: pod.metadata?.uid } });
        this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
      } catch (error) {
        this.deletions.deletionObserved(key, objectKey(pod));
        if (isNotFound(error) || isConflict(error)) return;
        this.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${(error as Error).message}`);
        throw error;
      }
    });
    const results = await Promise.allSettled([...creates, ...removes]);
    return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
  }

  private async canAdopt(ds: DaemonSet): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.resource<DaemonSet>(DAEMON_SETS).namespace(ds.metadata?.namespace ?? '').get(ds.metadata?.name ?? '');
      return fresh.metadata?.uid === ds.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private revisionApi(namespace: string) {
    return this.ctx.client.resource<ControllerRevision>(CONTROLLER_REVISIONS).namespace(namespace);
  }

  private async writeStatus(ds: DaemonSet, status: DaemonSetStatus): Promise<void> {
    if (!statusChanged(ds.status, status)) return;
    const api = this.ctx.client.resource<DaemonSet>(DAEMON_SETS).namespace(ds.metadata?.namespace ?? '');
    try {
      await api.updateStatus({ ...ds, status });
    } catch (error) {
      if (isNotFound(error)) return;
      if (!isConflict(error)) throw error;
      const live = await api.get(ds.metadata?.name ?? '');
      await api.updateStatus({ ...live, status });
    }
  }
}

/** What about a node decides daemon placement: labels, taints, unschedulable. */
function placementView(node: Node): string {
  return canonicalJson([node.metadata?.labels ?? {}, node.spec?.taints ?? [], node.spec?.unschedulable ?? false]);
}

function byCreation(a: Pod, b: Pod): number {
  const diff = (parseTime(a.metadata?.creationTimestamp ?? '') || 0) - (parseTime(b.metadata?.creationTimestamp ?? '') || 0);
  return diff !== 0 ? diff : (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

function selectorOf(ds: DaemonSet): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(ds.spec?.selector);
  } catch {
    return undefined;
  }
}

function ownerRefTo(ds: DaemonSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata?.name ?? '', uid: ds.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The daemon pod for `nodeName`: the template, the automatic tolerations, pinned to the node (upstream's NewPod + ReplaceDaemonSetPodNodeNameNodeAffinity). */
export function daemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const template = ds.spec?.template ?? {};
  const spec = { ...(template.spec ?? { containers: [] }) } as NonNullable<Pod['spec']> & PlacementSpec;
  spec.tolerations = withTolerations(spec.tolerations ?? [], daemonTolerations(spec.hostNetwork === true));
  spec.affinity = pinnedAffinity(spec.affinity, nodeName);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata?.name ?? ''}-`,
      namespace: ds.metadata?.namespace,
      labels: { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata?.generation ?? '') },
      annotations: template.metadata?.annotations,
      ownerReferences: [ownerRefTo(ds)],
    },
    spec,
  };
}
