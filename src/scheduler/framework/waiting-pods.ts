// Pods parked at Permit (upstream's waitingPodsMap and waitingPod). When Permit plugins
// answer Wait, the pod stays assumed on its node and waits here, in the binding cycle,
// until every plugin that asked it to wait allows it, one of them (or anyone through the
// handle) rejects it, or a plugin's timeout passes, which rejects it in that plugin's name:
//
//   waiting ──allow(p) for every waiting plugin──▶ allowed   (binding goes on: PreBind, Bind)
//      │
//      └──reject(p, msg) / timeout of p / rejectWaitingPod──▶ rejected (Unreserve, forget,
//                                                              FailedScheduling, requeue)
//
// The first decision wins; later calls are ignored. Timers use the injected clock.

import type { Clock, Pod } from '../../client/index.js';
import { goDuration } from '../../machinery/go-format.js';
import { Status } from './status.js';

/** Upstream's cap on a Permit plugin's timeout (15 minutes). */
export const MAX_PERMIT_TIMEOUT_MS = 15 * 60_000;

/** A pod waiting at Permit, as plugins see it through the handle. */
export interface WaitingPod {
  readonly pod: Pod;
  /** The plugins that asked the pod to wait and have not allowed it yet. */
  pendingPlugins(): string[];
  /** `plugin` allows the pod; it goes on once every waiting plugin has. */
  allow(plugin: string): void;
  /** Rejects the pod (Unschedulable, in `plugin`'s name) at once. */
  reject(plugin: string, message: string): void;
}

/** What plugins get from the handle to act on waiting pods (upstream's Handle methods). */
export interface WaitingPodsHandle {
  /** The pod with this uid, if it waits at Permit. */
  getWaitingPod(uid: string): WaitingPod | undefined;
  /** Calls `fn` for every pod waiting at Permit. */
  iterateOverWaitingPods(fn: (pod: WaitingPod) => void): void;
  /** Rejects the waiting pod with this uid (message `removed`); false when none waits. */
  rejectWaitingPod(uid: string): boolean;
}

class ParkedPod implements WaitingPod {
  private readonly pending: Map<string, ReturnType<Clock['setTimeout']>>;
  private decided: Status | undefined;
  private resolve: ((status: Status) => void) | undefined;

  constructor(
    readonly pod: Pod,
    waits: ReadonlyMap<string, number>,
    private readonly clock: Clock,
  ) {
    this.pending = new Map(
      [...waits].map(([plugin, ms]) => [plugin, clock.setTimeout(() => this.reject(plugin, `rejected due to timeout after waiting ${goDuration(ms)} at plugin ${plugin}`), ms)]),
    );
  }

  pendingPlugins(): string[] {
    return [...this.pending.keys()];
  }

  allow(plugin: string): void {
    const timer = this.pending.get(plugin);
    if (timer === undefined || this.decided !== undefined) return;
    this.clock.clearTimeout(timer);
    this.pending.delete(plugin);
    if (this.pending.size === 0) this.decide(Status.success());
  }

  reject(plugin: string, message: string): void {
    if (this.decided !== undefined) return;
    this.decide(Status.unschedulable(message).withPlugin(plugin));
  }

  /** Resolves with the decision: Success, or Unschedulable naming the rejecting plugin. */
  decision(): Promise<Status> {
    if (this.decided !== undefined) return Promise.resolve(this.decided);
    return new Promise((resolve) => (this.resolve = resolve));
  }

  private decide(status: Status): void {
    this.decided = status;
    for (const timer of this.pending.values()) this.clock.clearTimeout(timer);
    this.resolve?.(status);
  }
}

/**
 * The scheduler's pods waiting at Permit, by uid, across profiles.
 * Contract: a pod is in the map from `park` until its decision is delivered by `wait`;
 * every timer it set is cleared once it is decided.
 */
export class WaitingPods implements WaitingPodsHandle {
  private readonly pods = new Map<string, ParkedPod>();

  constructor(private readonly clock: Clock) {}

  /** Parks `pod` for the plugins in `waits` (plugin → timeout in ms, already capped). */
  park(pod: Pod, waits: ReadonlyMap<string, number>): void {
    this.pods.set(uidOf(pod), new ParkedPod(pod, waits, this.clock));
  }

  /** Upstream's WaitOnPermit: the decision on a parked pod (Success when it is not parked). */
  async wait(pod: Pod): Promise<Status> {
    const uid = uidOf(pod);
    const parked = this.pods.get(uid);
    if (parked === undefined) return Status.success();
    try {
      return await parked.decision();
    } finally {
      this.pods.delete(uid);
    }
  }

  getWaitingPod(uid: string): WaitingPod | undefined {
    return this.pods.get(uid);
  }

  iterateOverWaitingPods(fn: (pod: WaitingPod) => void): void {
    for (const pod of [...this.pods.values()]) fn(pod);
  }

  rejectWaitingPod(uid: string): boolean {
    const parked = this.pods.get(uid);
    if (parked === undefined) return false;
    parked.reject('', 'removed');
    return true;
  }

  get size(): number {
    return this.pods.size;
  }
}

function uidOf(pod: Pod): string {
  return pod.metadata?.uid ?? '';
}
