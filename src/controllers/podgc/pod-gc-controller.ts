// The pod garbage collector (upstream's pkg/controller/podgc). Every check period it reads
// the pod and node caches and force-deletes (grace 0):
//   - finished pods beyond --terminated-pod-gc-threshold, oldest first;
//   - pods bound to a node that does not exist, once the node has been missing for the
//     quarantine and a live GET confirms it (phase Failed, DisruptionTarget DeletionByPodGC);
//   - terminating pods never bound to a node, and terminating pods on an out-of-service node.

import { isNotFound } from '../../machinery/errors.js';
import { NODE_NAME_INDEX, realClock, type Clock, type Node, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { disruptAndDelete, type Disruption } from '../base/disruption.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { missingNodes, terminatedOverThreshold, terminatingOutOfService, unscheduledTerminating } from './plan.js';

export const DELETION_BY_POD_GC = 'DeletionByPodGC';

export interface PodGcOptions {
  /** Finished pods kept (--terminated-pod-gc-threshold, 12500; ≤ 0 keeps all). */
  readonly terminatedPodThreshold: number;
  /** How often the collector looks (upstream's gcCheckPeriod, 20 s). */
  readonly checkPeriodMs: number;
  /** How long a node must be missing before its pods go (upstream's quarantineTime, 40 s). */
  readonly quarantineMs: number;
  readonly clock: Clock;
}

export const DEFAULT_POD_GC: PodGcOptions = { terminatedPodThreshold: 12_500, checkPeriodMs: 20_000, quarantineMs: 40_000, clock: realClock };

const ORPHANED: Disruption = { condition: { reason: DELETION_BY_POD_GC, message: 'PodGC: node no longer exists' }, failPod: true };
const OUT_OF_SERVICE: Disruption = { condition: { reason: DELETION_BY_POD_GC, message: 'PodGC: node is out-of-service' }, failPod: true };
/** Upstream fails never-scheduled terminating pods without a DisruptionTarget condition. */
const FAIL_ONLY: Disruption = { failPod: true };

export class PodGcController implements Controller {
  readonly name = 'pod-garbage-collector-controller';
  private readonly options: PodGcOptions;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  /** When each missing node was first noticed missing. */
  private readonly missingSince = new Map<string, number>();

  constructor(
    private readonly ctx: ControllerContext,
    options: Partial<PodGcOptions> = {},
  ) {
    this.options = { ...DEFAULT_POD_GC, ...options };
    this.pods = ctx.informers.pods();
    this.nodes = ctx.informers.nodes();
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.pods, this.nodes))) return;
    while (!signal.aborted) {
      try {
        await this.gc();
      } catch (error) {
        this.ctx.logger.warn(`${this.name}: pass failed`, { error });
      }
      await this.options.clock.sleep(this.options.checkPeriodMs, signal);
    }
  }

  private async gc(): Promise<void> {
    const pods = this.pods.lister.list();
    const now = this.options.clock.now();
    for (const pod of terminatedOverThreshold(pods, this.options.terminatedPodThreshold)) await this.forceDelete(pod);
    for (const pod of terminatingOutOfService(pods, (name) => this.nodes.lister.get(name))) await disruptAndDelete(this.ctx.client, pod, OUT_OF_SERVICE, now, 0);
    await this.gcOrphaned(pods, now);
    for (const pod of unscheduledTerminating(pods)) await disruptAndDelete(this.ctx.client, pod, FAIL_ONLY, now, 0);
  }

  private async gcOrphaned(pods: readonly Pod[], now: number): Promise<void> {
    const missing = missingNodes(pods, (name) => this.nodes.lister.get(name) !== undefined);
    for (const name of this.missingSince.keys()) if (!missing.has(name)) this.missingSince.delete(name);
    for (const name of missing) {
      const since = this.missingSince.get(name) ?? now;
      this.missingSince.set(name, since);
      if (now - since < this.options.quarantineMs || (await this.nodeExists(name))) continue;
      for (const pod of this.pods.store.byIndex(NODE_NAME_INDEX, name)) await disruptAndDelete(this.ctx.client, pod, ORPHANED, now, 0);
    }
  }

  /** The cache may lag behind a node just created: the API server decides. */
  private async nodeExists(name: string): Promise<boolean> {
    try {
      await this.ctx.client.nodes().get(name);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private async forceDelete(pod: Pod): Promise<void> {
    try {
      await this.ctx.client.pods(pod.metadata?.namespace ?? '').delete(pod.metadata?.name ?? '', { gracePeriodSeconds: 0, ...(pod.metadata?.uid !== undefined ? { preconditions: { uid: pod.metadata.uid } } : {}) });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
