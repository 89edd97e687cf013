// The disruption controller (upstream's pkg/controller/disruption): keeps each
// PodDisruptionBudget's status current, so that pods/eviction (in the API server) knows
// how many pods it may still take.
//
//   budget or pod event ─▶ key of each budget concerned (a pod: the budgets selecting it)
//   sync(ns/name): pods the selector matches
//                  ─▶ expected and desired healthy (scales of the pods' controllers when relative)
//                  ─▶ pending disruptions (evictions whose pod is not yet being deleted, < 2 min old)
//                  ─▶ healthy = ready, not being deleted, not pending disruption
//                  ─▶ status: disruptionsAllowed = healthy - desired (≥ 0), DisruptionAllowed condition
//                  any failure ─▶ fail safe: disruptionsAllowed 0, condition reason SyncFailed; retried with back-off
//   A pending disruption is looked at again when it expires.

import { isConflict } from '../../machinery/errors.js';
import { labelSelectorFromObject } from '../../machinery/label-selector.js';
import { objectKey, splitNamespacedKey } from '../../machinery/meta.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type DeletedFinalStateUnknown, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { canonicalJson } from '../base/canonical-json.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { PODDISRUPTIONBUDGETS, budgetStatus, countHealthy, expectedCounts, failSafeStatus, pendingDisruptions, type BudgetStatus, type PodDisruptionBudget } from './budget.js';
import { SCALED_RESOURCES, expectedScale, type ScaleListers, type Scalable } from './scale.js';

export class DisruptionController implements Controller {
  readonly name = 'disruption-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly budgets: SharedInformer<PodDisruptionBudget>;
  private readonly pods: SharedInformer<Pod>;
  private readonly scaled: { [K in keyof ScaleListers]: SharedInformer<Scalable> };
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.budgets = ctx.informers.informerFor<PodDisruptionBudget>(PODDISRUPTIONBUDGETS);
    this.pods = ctx.informers.pods();
    this.scaled = {
      replicationcontrollers: ctx.informers.informerFor<Scalable>(SCALED_RESOURCES.replicationcontrollers),
      replicasets: ctx.informers.informerFor<Scalable>(SCALED_RESOURCES.replicasets),
      deployments: ctx.informers.informerFor<Scalable>(SCALED_RESOURCES.deployments),
      statefulsets: ctx.informers.informerFor<Scalable>(SCALED_RESOURCES.statefulsets),
    };
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: 'controllermanager', logger: ctx.logger });
    this.budgets.addEventHandler({
      onAdd: (pdb) => this.queue.add(objectKey(pdb)),
      onUpdate: (_old, pdb) => this.queue.add(objectKey(pdb)),
      onDelete: (pdb) => this.queue.add(objectKey(deletedObject(pdb))),
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.podChanged(pod), onUpdate: (_old, pod) => this.podChanged(pod), onDelete: (pod) => this.podChanged(pod) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.budgets, this.pods, ...Object.values(this.scaled)))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  /** Every budget of the pod's namespace whose selector matches it (upstream's getPdbForPod enqueues one; all are kept current here). */
  private podChanged(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    for (const pdb of this.budgets.lister.namespace(pod.metadata?.namespace ?? '').list()) {
      if (selects(pdb, pod)) this.queue.add(objectKey(pdb));
    }
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const pdb = this.budgets.lister.namespace(namespace).get(name);
    if (pdb === undefined) return;
    try {
      await this.trySync(key, pdb);
    } catch (error) {
      if (isConflict(error)) throw error;
      // As upstream: a budget whose numbers cannot be worked out allows no disruption.
      await this.writeStatus(pdb, failSafeStatus(pdb, (error as Error).message, realClock.now()));
      throw error;
    }
  }

  private async trySync(key: string, pdb: PodDisruptionBudget): Promise<void> {
    const pods = this.pods.lister.namespace(pdb.metadata?.namespace ?? '').list().filter((pod) => selects(pdb, pod));
    if (pods.length === 0) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let unmanaged: string[] = [];
    const scale = () => {
      const result = expectedScale(pods, this.listers());
      unmanaged = result.unmanaged;
      return result.expected;
    };
    let counts: { expected: number; desiredHealthy: number };
    try {
      counts = expectedCounts(pdb, pods.length, scale);
    } catch (error) {
      this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(error as Error).message}`);
      throw error;
    }
    if (unmanaged.length > 0) {
      this.recorder.event(pdb, 'Warning', 'UnmanagedPods', `Pods without a controller were selected (${unmanaged.join(', ')}); a relative budget cannot count them: use an integer minAvailable`);
    }
    const now = realClock.now();
    const { disrupted, recheckAt } = pendingDisruptions(pods, pdb.status?.disruptedPods ?? {}, now);
    const currentHealthy = countHealthy(pods, disrupted);
    await this.writeStatus(pdb, budgetStatus(pdb, { currentHealthy, desiredHealthy: counts.desiredHealthy, expected: counts.expected, disrupted }, now));
    if (recheckAt !== undefined) this.queue.addAfter(key, Math.max(0, recheckAt - now) + 1);
  }

  private listers(): ScaleListers {
    return {
      replicationcontrollers: this.scaled.replicationcontrollers.lister,
      replicasets: this.scaled.replicasets.lister,
      deployments: this.scaled.deployments.lister,
      statefulsets: this.scaled.statefulsets.lister,
    };
  }

  private async writeStatus(pdb: PodDisruptionBudget, status: BudgetStatus): Promise<void> {
    if (canonicalJson(pdb.status ?? {}) === canonicalJson(status)) return;
    const api = this.ctx.client.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS).namespace(pdb.metadata?.namespace ?? '');
    // A copy: cached objects are never mutated.
    await api.updateStatus({ ...pdb, status });
  }
}

/** policy/v1: an empty selector selects every pod of the namespace, a missing one none. */
function selects(pdb: PodDisruptionBudget, pod: Pod): boolean {
  try {
    return labelSelectorFromObject(pdb.spec?.selector).matches(pod.metadata?.labels);
  } catch {
    return false;
  }
}
