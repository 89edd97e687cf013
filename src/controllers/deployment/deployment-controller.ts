// The Deployment controller (upstream's pkg/controller/deployment): one ReplicaSet per pod
// template (labelled and selected by pod-template-hash), rolled from old to new as the
// strategy says, and the Deployment's status summed from them.
//
//   sync(ns/name): gone ─▶ done │ selector selects everything ─▶ warn, done
//                  claim ReplicaSets (adopt/release) ─▶ split into new (current template) and old
//                  deleting ─▶ status only │ paused or replicas changed ─▶ sizes only (proportional)
//                  │ Recreate / RollingUpdate step
//                  ─▶ revision annotation on the Deployment ─▶ status

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { labelSelectorFromObject } from '../../machinery/label-selector.js';
import { objectKey, splitNamespacedKey, type OwnerReference } from '../../machinery/meta.js';
import { formatTime } from '../../machinery/time.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type DeletedFinalStateUnknown, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { claimObjects } from '../base/controller-ref-manager.js';
import { controllerRef } from '../base/pods.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { REPLICA_SETS, type ReplicaSet } from '../replicaset/types.js';
import { HashCollisionError, ReplicaSetWriter, findNewReplicaSet, ownerRefTo, revisionOf } from './replica-sets.js';
import { resolveFenceposts } from './rolling-math.js';
import { isScalingEvent } from './proportional-scale.js';
import { recreateStep, rollingStep, scaleStep, type RolloutState } from './rollout.js';
import { DEFAULT_REVISION_HISTORY_LIMIT, cleanupHistory } from './history.js';
import { calculateStatus, progressDeadline, rolloutComplete, statusChanged } from './status.js';
import { DEPLOYMENTS, REVISION_ANNOTATION, type Deployment } from './types.js';

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly deployments: SharedInformer<Deployment>;
  private readonly replicaSets: SharedInformer<ReplicaSet>;
  private readonly pods: SharedInformer<Pod>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.deployments = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
    this.replicaSets = ctx.informers.informerFor<ReplicaSet>(REPLICA_SETS);
    this.pods = ctx.informers.pods();
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: this.name, logger: ctx.logger });
    const enqueue = (d: Deployment | DeletedFinalStateUnknown<Deployment>) => this.queue.add(objectKey(deletedObject(d)));
    this.deployments.addEventHandler({ onAdd: enqueue, onUpdate: (_o, d) => enqueue(d), onDelete: enqueue });
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.enqueueOwnerOf(rs, true),
      onUpdate: (old, rs) => {
        if (controllerRef(old)?.uid !== controllerRef(rs)?.uid) this.enqueueOwnerOf(old, false);
        this.enqueueOwnerOf(rs, true);
      },
      onDelete: (obj) => this.enqueueOwnerOf(deletedObject(obj), false),
    });
    // Recreate waits for the old pods to be gone.
    this.pods.addEventHandler({ onDelete: (obj) => this.enqueueForPod(deletedObject(obj)) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.deployments, this.replicaSets, this.pods))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  private enqueueOwnerOf(rs: ReplicaSet, orphansToo: boolean): void {
    const ns = rs.metadata?.namespace ?? '';
    const ref = controllerRef(rs);
    if (ref !== undefined) {
      const d = this.resolve(ns, ref);
      if (d !== undefined) this.queue.add(objectKey(d));
      return;
    }
    if (!orphansToo) return;
    for (const d of this.deployments.lister.namespace(ns).list()) {
      const selector = safeSelector(d);
      if (selector !== undefined && !selector.isEverything() && selector.matches(rs.metadata?.labels)) this.queue.add(objectKey(d));
    }
  }

  private enqueueForPod(pod: Pod): void {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.lister.namespace(pod.metadata?.namespace ?? '').get(ref.name);
    if (rs?.metadata?.uid === ref.uid) this.enqueueOwnerOf(rs, false);
  }

  private resolve(namespace: string, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.lister.namespace(namespace).get(ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const d = this.deployments.lister.namespace(namespace).get(name);
    if (d === undefined) return;
    const selector = safeSelector(d);
    if (selector === undefined || selector.isEverything()) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    const rsApi = this.ctx.client.resource<ReplicaSet>(REPLICA_SETS).namespace(namespace);
    const owned = await claimObjects(this.replicaSets.lister.namespace(namespace).list(), { dependents: rsApi, ref: ownerRefTo(d), owner: d, selector, canAdopt: () => this.canAdopt(d) });
    const newRS = findNewReplicaSet(d, owned);
    const old = owned.filter((rs) => rs !== newRS).sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''));
    const desired = d.spec?.replicas ?? 1;
    const recreate = d.spec?.strategy?.type === 'Recreate';
    const { surge, unavailable } = recreate ? { surge: 0, unavailable: desired } : resolveFenceposts(d.spec?.strategy?.rollingUpdate?.maxSurge, d.spec?.strategy?.rollingUpdate?.maxUnavailable, desired);
    const state: RolloutState = { d, newRS, old, surge, unavailable, writer: new ReplicaSetWriter(rsApi, this.recorder) };
    let written = d;
    if (d.metadata?.deletionTimestamp === undefined) {
      try {
        if (d.spec?.paused === true || isScalingEvent(d, owned)) await scaleStep(state);
        else if (recreate) await recreateStep(state, this.podsOf(namespace, old));
        else await rollingStep(state);
      } catch (error) {
        // Another template owns the hashed name: the next attempt hashes with a higher collision count.
        if (error instanceof HashCollisionError) await this.writeStatus(d, { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 });
        throw error;
      }
      written = await this.syncRevision(d, state.newRS);
    }
    const status = calculateStatus(d, [...state.old, ...(state.newRS === undefined ? [] : [state.newRS])], state.newRS, unavailable, state.hint ?? pauseHint(d), formatTime(realClock.now()));
    if (statusChanged(d.status, status)) await this.writeStatus(written, status);
    // Look again when the rollout would time out, unless progress wakes us first.
    const deadline = progressDeadline(d, status);
    if (deadline !== undefined) this.queue.addAfter(key, Math.max(0, deadline - realClock.now()) + 1000);
    if (d.metadata?.deletionTimestamp === undefined && rolloutComplete(d, status)) {
      await cleanupHistory(rsApi, state.old, d.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT);
    }
  }

  private podsOf(namespace: string, sets: readonly ReplicaSet[]): Pod[] {
    const uids = new Set(sets.map((rs) => rs.metadata?.uid));
    return this.pods.lister.namespace(namespace).list().filter((pod) => uids.has(controllerRef(pod)?.uid));
  }

  private async canAdopt(d: Deployment): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.resource<Deployment>(DEPLOYMENTS).namespace(d.metadata?.namespace ?? '').get(d.metadata?.name ?? '');
      return fresh.metadata?.uid === d.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * The Deployment carries its new ReplicaSet's revision (what `kubectl rollout history`
   * shows); resolves the Deployment as last written.
   */
  private async syncRevision(d: Deployment, newRS: ReplicaSet | undefined): Promise<Deployment> {
    if (newRS === undefined) return d;
    const revision = String(revisionOf(newRS));
    if (d.metadata?.annotations?.[REVISION_ANNOTATION] === revision) return d;
    const api = this.ctx.client.resource<Deployment>(DEPLOYMENTS).namespace(d.metadata?.namespace ?? '');
    return api.update({ ...d, metadata: { ...d.metadata, annotations: { ...d.metadata?.annotations, [REVISION_ANNOTATION]: revision } } });
  }

  /** Writes `status` over `d` (the cached or just written object); on a conflict once more over the live one. */
  private async writeStatus(d: Deployment, status: NonNullable<Deployment['status']>): Promise<void> {
    const api = this.ctx.client.resource<Deployment>(DEPLOYMENTS).namespace(d.metadata?.namespace ?? '');
    try {
      await api.updateStatus({ ...d, status });
    } catch (error) {
      if (isNotFound(error)) return;
      if (!isConflict(error)) throw error;
      const live = await api.get(d.metadata?.name ?? '');
      if (live.metadata?.uid !== d.metadata?.uid) return;
      await api.updateStatus({ ...live, status });
    }
  }
}

function safeSelector(d: Deployment) {
  try {
    return labelSelectorFromObject(d.spec?.selector);
  } catch {
    return undefined;
  }
}

/** Upstream marks a paused rollout Progressing=Unknown (DeploymentPaused) and its resumption DeploymentResumed. */
function pauseHint(d: Deployment) {
  const current = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (d.spec?.paused === true) return current?.reason === 'DeploymentPaused' ? undefined : { reason: 'DeploymentPaused', message: 'Deployment is paused', status: 'Unknown' as const };
  if (current?.reason === 'DeploymentPaused') return { reason: 'DeploymentResumed', message: 'Deployment is resumed', status: 'Unknown' as const };
  return undefined;
}
