// The ReplicaSet controller (upstream's pkg/controller/replicaset): keeps as many active
// pods as spec.replicas, owned through a controller reference, and reports their counts.
// Parameterised by the kind it manages, so the ReplicationController controller is this
// same code with a map selector (as upstream's replication package wraps this one).
//
//   sync(ns/name): gone ─▶ drop expectations
//                  claim pods (adopt orphans the selector matches, release the rest)
//                  expectations satisfied and not deleting ─▶ create (slow-start batches) or delete (ranked) the difference
//                  write status; failures re-queue with back-off
//
// Handlers translate pod changes into the key of the owning ReplicaSet (or, for orphans,
// of every ReplicaSet whose selector matches), queued after a short batching delay, and
// record observed creations/deletions at once.

import { isNotFound, isConflict } from '../../machinery/errors.js';
import { labelSelectorFromObject, type LabelSelector } from '../../machinery/label-selector.js';
import { objectKey, splitNamespacedKey, type OwnerReference } from '../../machinery/meta.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type DeletedFinalStateUnknown, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { claimObjects } from '../base/controller-ref-manager.js';
import { Expectations } from '../base/expectations.js';
import { claimablePods, podsByController } from '../base/pod-index.js';
import { controllerRef, isPodActive } from '../base/pods.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { podsToDelete } from './pod-ranking.js';
import { slowStartBatch } from './slow-start.js';
import { calculateStatus, countPods, statusChanged, type ManageFailure } from './status.js';
import { REPLICA_SETS, type ReplicaSet, type ReplicaSetStatus, type ReplicatedKind, type ReplicatedObject } from './types.js';

/** Upstream's BurstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;
/** Upstream's SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH = 1;
/**
 * Pod events wake the owner's sync this much later, so that the events of many pods (a
 * rollout of thousands) share one sync and one status write instead of one each; what a
 * sync costs grows with the pods owned. Upstream's job controller batches pod events the
 * same way (syncJobBatchPeriod).
 */
export const POD_EVENT_BATCH_MS = 100;

/**
 * Keeps spec.replicas pods of any replicated kind (ReplicaSet, ReplicationController); the
 * kind supplies the resource, the owner reference's kind and how to read the selector.
 */
export class ReplicaController<T extends ReplicatedObject> implements Controller {
  readonly name: string;
  readonly expectations = new Expectations();
  private readonly queue = new RateLimitingQueue<string>();
  private readonly replicaSets: SharedInformer<T>;
  private readonly pods: SharedInformer<Pod>;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kind: ReplicatedKind<T>,
  ) {
    this.name = kind.controllerName;
    this.replicaSets = ctx.informers.informerFor<T>(kind.resource);
    this.pods = podsByController(ctx.informers);
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: this.name, logger: ctx.logger });
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.queue.add(objectKey(rs)),
      // A status-only change (most often this controller's own write) joins the batch of pod events.
      onUpdate: (old, rs) => {
        if (old.metadata?.generation === rs.metadata?.generation) this.queue.addAfter(objectKey(rs), POD_EVENT_BATCH_MS);
        else this.queue.add(objectKey(rs));
      },
      onDelete: (obj) => {
        const key = objectKey(deletedObject(obj));
        this.expectations.delete(key);
        this.queue.add(key);
      },
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.addPod(pod), onUpdate: (old, pod) => this.updatePod(old, pod), onDelete: (pod) => this.deletePod(pod) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.replicaSets, this.pods))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  // ---- handlers: only keys and expectations ----

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp !== undefined) return this.deletePod(pod);
    const ref = controllerRef(pod);
    if (ref !== undefined) {
      const rs = this.resolve(pod.metadata?.namespace ?? '', ref);
      if (rs === undefined) return;
      const key = objectKey(rs);
      this.expectations.creationObserved(key);
      this.queue.addAfter(key, POD_EVENT_BATCH_MS);
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.queue.addAfter(objectKey(rs), POD_EVENT_BATCH_MS);
  }

  private updatePod(old: Pod, cur: Pod): void {
    const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp !== undefined) {
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerRef(cur);
    const oldRef = controllerRef(old);
    const refChanged = curRef?.uid !== oldRef?.uid;
    if (refChanged && oldRef !== undefined) {
      const oldRs = this.resolve(old.metadata?.namespace ?? '', oldRef);
      if (oldRs !== undefined) this.queue.addAfter(objectKey(oldRs), POD_EVENT_BATCH_MS);
    }
    if (curRef !== undefined) {
      const rs = this.resolve(cur.metadata?.namespace ?? '', curRef);
      if (rs === undefined) return;
      this.queue.addAfter(objectKey(rs), POD_EVENT_BATCH_MS);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.matchingReplicaSets(cur)) this.queue.addAfter(objectKey(rs), POD_EVENT_BATCH_MS);
  }

  private deletePod(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    const ref = controllerRef(pod);
    if (ref === undefined) return;
    const rs = this.resolve(pod.metadata?.namespace ?? '', ref);
    if (rs === undefined) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.queue.addAfter(key, POD_EVENT_BATCH_MS);
  }

  /** The cached object a controller reference names, if it is that very one (same uid). */
  private resolve(namespace: string, ref: OwnerReference): T | undefined {
    if (ref.kind !== this.kind.kind) return undefined;
    const rs = this.replicaSets.lister.namespace(namespace).get(ref.name);
    return rs?.metadata?.uid === ref.uid ? rs : undefined;
  }

  private matchingReplicaSets(pod: Pod): T[] {
    return this.replicaSets.lister
      .namespace(pod.metadata?.namespace ?? '')
      .list()
      .filter((rs) => {
        const selector = this.kind.selectorOf(rs);
        return selector !== undefined && !selector.isEverything() && selector.matches(pod.metadata?.labels);
      });
  }

  // ---- sync ----

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const rs = this.replicaSets.lister.namespace(namespace).get(name);
    if (rs === undefined) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = this.kind.selectorOf(rs);
    if (selector === undefined) {
      this.ctx.logger.warn(`${this.name}: invalid selector, skipping`, { key });
      return;
    }
    const active = claimablePods(this.pods, namespace, rs.metadata?.uid ?? '').filter(isPodActive);
    const pods = await claimObjects(active, { dependents: this.ctx.client.pods(namespace), ref: ownerRefTo(this.kind, rs), owner: rs, selector, canAdopt: () => this.canAdopt(rs) });
    let outcome: { failure?: ManageFailure; error?: unknown } = {};
    if (needsSync && rs.metadata?.deletionTimestamp === undefined) outcome = await this.manageReplicas(key, rs, pods);
    const now = realClock.now();
    const counts = countPods(rs, pods, now);
    await this.writeStatus(rs, calculateStatus(rs, counts, outcome.failure, now));
    // A ready pod counts as available after minReadySeconds: look again then.
    if (counts.nextAvailableAt !== undefined) this.queue.addAfter(key, counts.nextAvailableAt - now + 1000);
    if (outcome.error !== undefined) throw outcome.error;
  }

  /** A fresh read: the object still exists under the same uid and is not being deleted. */
  private async canAdopt(rs: T): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.resource<T>(this.kind.resource).namespace(rs.metadata?.namespace ?? '').get(rs.metadata?.name ?? '');
      return fresh.metadata?.uid === rs.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private async manageReplicas(key: string, rs: T, pods: Pod[]): Promise<{ failure?: ManageFailure; error?: unknown }> {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) return this.createPods(key, rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.deletePods(key, rs, pods, Math.min(diff, BURST_REPLICAS));
    return {};
  }

  private async createPods(key: string, rs: T, count: number): Promise<{ failure?: ManageFailure; error?: unknown }> {
    // Expect them all before the first request: a pod's add event may arrive before its create returns.
    this.expectations.expectCreations(key, count);
    const api = this.ctx.client.pods(rs.metadata?.namespace);
    const body = podFromTemplate(rs, ownerRefTo(this.kind, rs));
    const { attempted, error } = await slowStartBatch(count, SLOW_START_INITIAL_BATCH, async () => {
      try {
        const pod = await api.create(body);
        this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name ?? ''}`);
      } catch (err) {
        this.expectations.creationObserved(key);
        throw err;
      }
    });
    // Creations never attempted will never be observed (failed ones were counted above).
    for (let i = attempted; i < count; i++) this.expectations.creationObserved(key);
    if (error === undefined) return {};
    const message = (error as Error).message;
    this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${message}`);
    return { failure: { reason: 'FailedCreate', message }, error };
  }

  private async deletePods(key: string, rs: T, pods: Pod[], count: number): Promise<{ failure?: ManageFailure; error?: unknown }> {
    const victims = podsToDelete(pods, pods, count, realClock.now());
    this.expectations.expectDeletions(key, victims.map(objectKey));
    const api = this.ctx.client.pods(rs.metadata?.namespace);
    const results = await Promise.allSettled(
      victims.map(async (pod) => {
        try {
          await api.delete(pod.metadata?.name ?? '');
          this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
        } catch (err) {
          this.expectations.deletionObserved(key, objectKey(pod));
          if (!isNotFound(err)) throw err;
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed === undefined) return {};
    const message = (failed.reason as Error).message;
    this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${message}`);
    return { failure: { reason: 'FailedDelete', message }, error: failed.reason };
  }

  private async writeStatus(rs: T, status: ReplicaSetStatus): Promise<void> {
    if (!statusChanged(rs.status, status)) return;
    const api = this.ctx.client.resource<T>(this.kind.resource).namespace(rs.metadata?.namespace ?? '');
    try {
      await api.updateStatus({ ...rs, status });
    } catch (error) {
      if (isNotFound(error)) return;
      if (!isConflict(error)) throw error;
      // The cache was behind: once more on the live object, as upstream's updateReplicaSetStatus.
      const live = await api.get(rs.metadata?.name ?? '');
      await api.updateStatus({ ...live, status });
    }
  }
}

/** The apps/v1 ReplicaSet, whose selector is a full label selector. */
export const REPLICA_SET_KIND: ReplicatedKind<ReplicaSet> = {
  controllerName: 'replicaset-controller',
  resource: REPLICA_SETS,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  selectorOf,
};

/** The ReplicaSet controller proper. */
export class ReplicaSetController extends ReplicaController<ReplicaSet> {
  constructor(ctx: ControllerContext) {
    super(ctx, REPLICA_SET_KIND);
  }
}

function selectorOf(rs: ReplicaSet): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(rs.spec?.selector);
  } catch {
    return undefined;
  }
}

function ownerRefTo<T extends ReplicatedObject>(kind: ReplicatedKind<T>, rs: T): OwnerReference {
  return { apiVersion: kind.apiVersion, kind: kind.kind, name: rs.metadata?.name ?? '', uid: rs.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** A pod from the template, owned through `owner` (upstream's GetPodFromTemplate). */
function podFromTemplate(rs: ReplicatedObject, owner: OwnerReference): Pod {
  const template = rs.spec?.template ?? {};
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata?.name ?? ''}-`,
      namespace: rs.metadata?.namespace,
      labels: meta.labels,
      annotations: meta.annotations,
      finalizers: meta.finalizers,
      ownerReferences: [owner],
    },
    spec: template.spec ?? { containers: [] },
  };
}

