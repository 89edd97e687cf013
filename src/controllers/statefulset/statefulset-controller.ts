// The StatefulSet controller (upstream's pkg/controller/statefulset): pods with stable
// names, storage and order, one ControllerRevision per template.
//
//   sync(ns/name): gone ─▶ nothing (the garbage collector removes what it owned)
//                  claim pods and revisions ─▶ current and update revision (created if new)
//                  not deleting ─▶ carry out planStep (plan.ts): create (claims first), delete
//                  write status; drop revisions beyond revisionHistoryLimit
//
// Upstream uses no expectations here: pod names are fixed, so a create from a stale cache
// fails with AlreadyExists and a second delete carries a uid precondition.

import { isAlreadyExists, isConflict, isNotFound } from '../../machinery/errors.js';
import { labelSelectorFromObject, type LabelSelector } from '../../machinery/label-selector.js';
import { objectKey, splitNamespacedKey, type OwnerReference } from '../../machinery/meta.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type DeletedFinalStateUnknown, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { CONTROLLER_REVISIONS, ensureRevision, ownedRevisions, templateOfRevision, templateRevisionData, truncateHistory, type ControllerRevision } from '../base/controller-history.js';
import { claimObjects } from '../base/controller-ref-manager.js';
import { controllerRef, isPodReady } from '../base/pods.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { claimsFor, newPod, nonControllerRef, ordinalOf, podName, revisionOf, setOwnerRef } from './identity.js';
import { planStep, replicaRange, type Action } from './plan.js';
import { computeStatus, statusChanged, type Revisions } from './status.js';
import { PVCS, STATEFUL_SETS, type PersistentVolumeClaim, type StatefulSet, type StatefulSetStatus } from './types.js';

const DEFAULT_REVISION_HISTORY_LIMIT = 10;

interface RevisionState extends Revisions {
  readonly templates: ReadonlyMap<string, ControllerRevision>;
  readonly all: readonly ControllerRevision[];
}

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly sets: SharedInformer<StatefulSet>;
  private readonly pods: SharedInformer<Pod>;
  private readonly revisions: SharedInformer<ControllerRevision>;
  private readonly claims: SharedInformer<PersistentVolumeClaim>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.sets = ctx.informers.informerFor<StatefulSet>(STATEFUL_SETS);
    this.pods = ctx.informers.pods();
    this.revisions = ctx.informers.informerFor<ControllerRevision>(CONTROLLER_REVISIONS);
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(PVCS);
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: 'statefulset-controller', logger: ctx.logger });
    this.sets.addEventHandler({
      onAdd: (set) => this.queue.add(objectKey(set)),
      onUpdate: (_old, set) => this.queue.add(objectKey(set)),
      onDelete: (obj) => this.queue.add(objectKey(deletedObject(obj))),
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.enqueueFor(pod), onUpdate: (old, pod) => this.podUpdated(old, pod), onDelete: (pod) => this.enqueueFor(pod) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.sets, this.pods, this.revisions, this.claims))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  // ---- handlers: only keys ----

  private podUpdated(old: Pod, cur: Pod): void {
    if (controllerRef(old)?.uid !== controllerRef(cur)?.uid) this.enqueueFor(old);
    this.enqueueFor(cur);
    const set = this.owner(cur);
    const minReady = set?.spec?.minReadySeconds ?? 0;
    if (set !== undefined && minReady > 0 && !isPodReady(old) && isPodReady(cur)) this.queue.addAfter(objectKey(set), minReady * 1000 + 1000);
  }

  private enqueueFor(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    const set = this.owner(pod);
    if (set !== undefined) return this.queue.add(objectKey(set));
    if (controllerRef(pod) !== undefined) return;
    for (const candidate of this.sets.lister.namespace(pod.metadata?.namespace ?? '').list()) {
      if (selectorOf(candidate)?.matches(pod.metadata?.labels) === true) this.queue.add(objectKey(candidate));
    }
  }

  private owner(pod: Pod): StatefulSet | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.sets.lister.namespace(pod.metadata?.namespace ?? '').get(ref.name);
    return set?.metadata?.uid === ref.uid ? set : undefined;
  }

  // ---- sync ----

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const set = this.sets.lister.namespace(namespace).get(name);
    if (set === undefined) return;
    const selector = selectorOf(set);
    if (selector === undefined || selector.isEverything()) {
      this.ctx.logger.warn(`${this.name}: invalid selector, skipping`, { key });
      return;
    }
    const ref = setOwnerRef(set);
    const pods = await claimObjects(this.pods.lister.namespace(namespace).list(), { dependents: this.ctx.client.pods(namespace), ref, owner: set, selector, canAdopt: () => this.canAdopt(set) });
    const revisions = await this.revisionState(set, ref);
    const byOrdinal = new Map<number, Pod>();
    for (const pod of pods) {
      const ordinal = ordinalOf(set, pod);
      if (ordinal !== undefined) byOrdinal.set(ordinal, pod);
    }
    let failure: unknown;
    if (set.metadata?.deletionTimestamp === undefined) {
      const actions = planStep({ set, pods: byOrdinal, updateRevision: revisions.update, now: realClock.now() });
      failure = await this.apply(set, actions, revisions);
    }
    await this.writeStatus(set, computeStatus(set, [...byOrdinal.values()], revisions, realClock.now()));
    const live = new Set([revisions.current, revisions.update, ...pods.map((p) => revisionOf(p) ?? '')]);
    await truncateHistory(this.revisionApi(namespace), revisions.all, live, set.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT);
    if (failure !== undefined) throw failure;
  }

  private async canAdopt(set: StatefulSet): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.resource<StatefulSet>(STATEFUL_SETS).namespace(set.metadata?.namespace ?? '').get(set.metadata?.name ?? '');
      return fresh.metadata?.uid === set.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private revisionApi(namespace: string) {
    return this.ctx.client.resource<ControllerRevision>(CONTROLLER_REVISIONS).namespace(namespace);
  }

  /** The update revision (created when the template is new) and the current one (upstream's getStatefulSetRevisions). */
  private async revisionState(set: StatefulSet, ref: OwnerReference): Promise<RevisionState> {
    const namespace = set.metadata?.namespace ?? '';
    const owned = ownedRevisions(this.revisions.lister.namespace(namespace).list(), ref.uid);
    const ensured = await ensureRevision({
      api: this.revisionApi(namespace),
      owner: set,
      ref,
      labels: { ...set.spec?.template?.metadata?.labels },
      data: templateRevisionData(set.spec?.template),
      revisions: owned,
      collisionCount: set.status?.collisionCount ?? 0,
    });
    const update = ensured.revision;
    const all = [...owned.filter((r) => r.metadata?.name !== update.metadata?.name), update];
    const templates = new Map(all.map((r) => [r.metadata?.name ?? '', r]));
    const named = set.status?.currentRevision;
    const current = named !== undefined && templates.has(named) ? named : (update.metadata?.name ?? '');
    return { current, update: update.metadata?.name ?? '', collisionCount: ensured.collisionCount, templates, all };
  }

  private async apply(set: StatefulSet, actions: readonly Action[], revisions: RevisionState): Promise<unknown> {
    const results = await Promise.allSettled(actions.map((action) => (action.kind === 'create' ? this.createPod(set, action.ordinal, revisions) : this.deletePod(set, action.pod, action.why))));
    return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
  }

  /** Which revision a new pod of `ordinal` gets: below the partition the current one (upstream's newVersionedStatefulSetPod). */
  private revisionFor(set: StatefulSet, ordinal: number, revisions: RevisionState): ControllerRevision {
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition;
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const useCurrent = rolling && partition !== undefined && ordinal - replicaRange(set).start < partition;
    return revisions.templates.get(useCurrent ? revisions.current : revisions.update) ?? revisions.templates.get(revisions.update)!;
  }

  private async createPod(set: StatefulSet, ordinal: number, revisions: RevisionState): Promise<void> {
    const namespace = set.metadata?.namespace ?? '';
    await this.createClaims(set, ordinal);
    const revision = this.revisionFor(set, ordinal, revisions);
    const pod = newPod(set, templateOfRevision<NonNullable<StatefulSet['spec']>['template']>(revision.data), revision.metadata?.name ?? '', ordinal);
    try {
      await this.ctx.client.pods(namespace).create(pod);
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata?.name ?? ''} in StatefulSet ${set.metadata?.name ?? ''} successful`);
    } catch (error) {
      if (isAlreadyExists(error)) return; // the cache had not seen it yet
      this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata?.name ?? ''} in StatefulSet ${set.metadata?.name ?? ''} failed error: ${(error as Error).message}`);
      throw error;
    }
  }

  /** The claims of `ordinal` that do not exist yet. They stay Pending until a binder binds them; the pod is created regardless, as upstream. */
  private async createClaims(set: StatefulSet, ordinal: number): Promise<void> {
    const namespace = set.metadata?.namespace ?? '';
    const api = this.ctx.client.resource<PersistentVolumeClaim>(PVCS).namespace(namespace);
    for (const claim of claimsFor(set, ordinal)) {
      if (this.claims.lister.namespace(namespace).get(claim.metadata?.name ?? '') !== undefined) continue;
      try {
        await api.create(claim);
        this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata?.name ?? ''} Pod ${podName(set, ordinal)} in StatefulSet ${set.metadata?.name ?? ''} success`);
      } catch (error) {
        if (isAlreadyExists(error)) continue;
        this.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata?.name ?? ''} for Pod ${podName(set, ordinal)} in StatefulSet ${set.metadata?.name ?? ''} failed error: ${(error as Error).message}`);
        throw error;
      }
    }
  }

  private async deletePod(set: StatefulSet, pod: Pod, why: 'failed' | 'condemned' | 'update'): Promise<void> {
    if (why === 'condemned' && set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') await this.handClaimsToPod(set, pod);
    try {
      await this.ctx.client.pods(set.metadata?.namespace).delete(pod.metadata?.name ?? '', { preconditions: { uid: pod.metadata?.uid } });
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata?.name ?? ''} in StatefulSet ${set.metadata?.name ?? ''} successful`);
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      throw error;
    }
  }

  /** whenScaled=Delete: the condemned pod becomes an owner of its claims, so the garbage collector removes them after it. */
  private async handClaimsToPod(set: StatefulSet, pod: Pod): Promise<void> {
    const namespace = set.metadata?.namespace ?? '';
    const ordinal = ordinalOf(set, pod);
    if (ordinal === undefined) return;
    const ref = nonControllerRef({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' });
    const api = this.ctx.client.resource<PersistentVolumeClaim>(PVCS).namespace(namespace);
    for (const claim of claimsFor(set, ordinal)) {
      const cached = this.claims.lister.namespace(namespace).get(claim.metadata?.name ?? '');
      if (cached === undefined || cached.metadata?.ownerReferences?.some((r) => r.uid === ref.uid) === true) continue;
      try {
        await api.patch(claim.metadata?.name ?? '', 'merge', { metadata: { ownerReferences: [...(cached.metadata?.ownerReferences ?? []), ref] } });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  private async writeStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    if (!statusChanged(set.status, status)) return;
    const api = this.ctx.client.resource<StatefulSet>(STATEFUL_SETS).namespace(set.metadata?.namespace ?? '');
    try {
      await api.updateStatus({ ...set, status });
    } catch (error) {
      if (isNotFound(error)) return;
      if (!isConflict(error)) throw error;
      const live = await api.get(set.metadata?.name ?? '');
      await api.updateStatus({ ...live, status: { ...status, observedGeneration: set.metadata?.generation } });
    }
  }
}


function selectorOf(set: StatefulSet): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(set.spec?.selector);
  } catch {
    return undefined;
  }
}
