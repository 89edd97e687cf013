// The node-lifecycle controller (upstream's pkg/controller/nodelifecycle, taint-based
// eviction, the only mode upstream keeps). Every monitor period it looks at each Node and
// its Lease in kube-node-lease:
//
//   silent longer than the grace period ─▶ Ready and pressure conditions Unknown
//                                          (NodeStatusUnknown), its pods marked not ready
//   Ready False / Unknown ─▶ NoSchedule taint not-ready / unreachable (at once, by the
//                            node queue) and the NoExecute one (through its zone's
//                            rate-limited queue; the taint-eviction controller evicts)
//   Ready True            ─▶ both taints removed
//
// Zones (topology labels) are Normal, PartialDisruption or FullDisruption by the share of
// their nodes not Ready, which sets how fast their nodes are tainted NoExecute; when every
// zone is fully disrupted the controller assumes its own view is broken and taints none.

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { NODE_NAME_INDEX, RateLimitingQueue, realClock, type Clock, type Lease, type Node, type Pod, type SharedInformer } from '../../client/index.js';
import { LEASES } from '../../client/resources.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, taintsOf, type Taint } from '../base/taints.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { NodeHealth, readyCondition, unknownStatus } from './node-health.js';
import { markPodNotReady, swapNodeTaints } from './node-writes.js';
import { ZoneQueues } from './zone-queues.js';
import { DEFAULT_EVICTION_RATES, computeZoneState, zoneEvictionRate, zoneOf, type EvictionRates, type ZoneState } from './zone-state.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface NodeLifecycleOptions extends EvictionRates {
  /** Silence after which a node is Unknown (--node-monitor-grace-period, 50 s). */
  readonly nodeMonitorGracePeriodMs: number;
  /** Grace for a node that never posted Ready (--node-startup-grace-period, 60 s). */
  readonly nodeStartupGracePeriodMs: number;
  /** How often every node is checked (--node-monitor-period, 5 s). */
  readonly nodeMonitorPeriodMs: number;
  /** How often the zone queues are served (upstream's nodeEvictionPeriod, 100 ms). */
  readonly evictionPeriodMs: number;
  readonly clock: Clock;
}

export const DEFAULT_NODE_LIFECYCLE: NodeLifecycleOptions = {
  ...DEFAULT_EVICTION_RATES,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  nodeMonitorPeriodMs: 5_000,
  evictionPeriodMs: 100,
  clock: realClock,
};

const NO_SCHEDULE_NOT_READY: Taint = { key: TAINT_NOT_READY, effect: 'NoSchedule' };
const NO_SCHEDULE_UNREACHABLE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoSchedule' };
const NO_EXECUTE_NOT_READY: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };
const NO_EXECUTE_UNREACHABLE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly options: NodeLifecycleOptions;
  /** Node names whose NoSchedule taints need reconciling. */
  private readonly queue: RateLimitingQueue<string>;
  private readonly nodes: SharedInformer<Node>;
  private readonly leases: SharedInformer<Lease>;
  private readonly pods: SharedInformer<Pod>;
  private readonly health = new NodeHealth();
  private readonly zoneQueues: ZoneQueues;
  private readonly zoneStates = new Map<string, ZoneState>();
  /** Ready status seen at the previous pass, to act on transitions. */
  private readonly lastReady = new Map<string, string | undefined>();

  constructor(
    private readonly ctx: ControllerContext,
    options: Partial<NodeLifecycleOptions> = {},
  ) {
    this.options = { ...DEFAULT_NODE_LIFECYCLE, ...options };
    this.queue = new RateLimitingQueue<string>({ clock: this.options.clock });
    this.zoneQueues = new ZoneQueues(this.options.clock, this.options.evictionRate);
    this.nodes = ctx.informers.nodes();
    this.leases = ctx.informers.informerFor<Lease>(LEASES);
    this.pods = ctx.informers.pods();
    this.nodes.addEventHandler({ onAdd: (n) => this.queue.add(keyOf(n)), onUpdate: (_o, n) => this.queue.add(keyOf(n)), onDelete: (n) => this.forgetNode(keyOf(n)) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.nodes, this.leases, this.pods))) return;
    await Promise.all([
      runWorkers(this.name, this.queue, (key) => this.syncNoScheduleTaints(key), this.ctx.workers ?? 5, signal, this.ctx.logger),
      this.every(this.options.nodeMonitorPeriodMs, signal, () => this.monitorNodeHealth()),
      this.every(this.options.evictionPeriodMs, signal, () => this.serveZoneQueues()),
    ]);
  }

  private async every(ms: number, signal: AbortSignal, pass: () => Promise<void>): Promise<void> {
    while (!signal.aborted) {
      try {
        await pass();
      } catch (error) {
        this.ctx.logger.warn(`${this.name}: pass failed`, { error });
      }
      await this.options.clock.sleep(ms, signal);
    }
  }

  /** NoSchedule taints follow the Ready condition directly (upstream's doNoScheduleTaintingPass). */
  private async syncNoScheduleTaints(name: string): Promise<void> {
    const node = this.nodes.lister.get(name);
    if (node === undefined) return;
    const status = readyCondition(node)?.status;
    const want = status === 'False' ? [NO_SCHEDULE_NOT_READY] : status === 'Unknown' ? [NO_SCHEDULE_UNREACHABLE] : [];
    const unwanted = [NO_SCHEDULE_NOT_READY, NO_SCHEDULE_UNREACHABLE].filter((t) => !want.includes(t));
    const taints = taintsOf(node);
    const needsChange = want.some((t) => !hasTaint(taints, t)) || unwanted.some((t) => hasTaint(taints, t));
    if (needsChange) await swapNodeTaints(this.ctx.client, name, want, unwanted, this.options.clock.now());
  }

  private async monitorNodeHealth(): Promise<void> {
    const now = this.options.clock.now();
    const readiness = new Map<string, (string | undefined)[]>();
    for (const cached of this.nodes.lister.list()) {
      const node = await this.updateHealth(cached, now);
      const name = node.metadata?.name ?? '';
      const zone = zoneOf(node);
      const ready = readyCondition(node)?.status;
      readiness.set(zone, [...(readiness.get(zone) ?? []), ready]);
      const wasReady = this.lastReady.get(name);
      this.lastReady.set(name, ready);
      if (ready !== 'True' && wasReady === 'True') await this.markPodsNotReady(name, now);
      await this.processNoExecute(node, zone, ready);
    }
    await this.handleDisruption(readiness);
  }

  /** Marks a silent node Unknown; returns the node as it now is. */
  private async updateHealth(node: Node, now: number): Promise<Node> {
    const name = node.metadata?.name ?? '';
    const silence = this.health.observe(node, this.leases.lister.namespace(NODE_LEASE_NAMESPACE).get(name), now);
    const grace = readyCondition(node) === undefined ? this.options.nodeStartupGracePeriodMs : this.options.nodeMonitorGracePeriodMs;
    if (silence <= grace) return node;
    const status = unknownStatus(node, now);
    if (status === undefined) return node;
    try {
      const written = await this.ctx.client.nodes().updateStatus({ ...node, status });
      this.health.remember(written);
      return written;
    } catch (error) {
      // The node changed (or went): the next pass judges its new state.
      if (isConflict(error) || isNotFound(error)) return node;
      throw error;
    }
  }

  /** Queues a not-Ready node for its NoExecute taint, swaps one that changed kind, clears a Ready one. */
  private async processNoExecute(node: Node, zone: string, ready: string | undefined): Promise<void> {
    const name = node.metadata?.name ?? '';
    const taints = taintsOf(node);
    const now = this.options.clock.now();
    if (ready === 'True') {
      this.zoneQueues.remove(zone, name);
      if (hasTaint(taints, NO_EXECUTE_NOT_READY) || hasTaint(taints, NO_EXECUTE_UNREACHABLE)) await swapNodeTaints(this.ctx.client, name, [], [NO_EXECUTE_NOT_READY, NO_EXECUTE_UNREACHABLE], now);
      return;
    }
    const [want, other] = ready === 'False' ? [NO_EXECUTE_NOT_READY, NO_EXECUTE_UNREACHABLE] : [NO_EXECUTE_UNREACHABLE, NO_EXECUTE_NOT_READY];
    if (hasTaint(taints, want)) return;
    // Already tainted the other way: the node was admitted once, so it swaps without waiting for the rate.
    if (hasTaint(taints, other)) await swapNodeTaints(this.ctx.client, name, [want], [other], now);
    else this.zoneQueues.add(zone, name);
  }

  /** Taints the nodes each zone's rate admits now. */
  private async serveZoneQueues(): Promise<void> {
    for (const zone of this.zoneQueues.zoneNames()) {
      for (let name = this.zoneQueues.take(zone); name !== undefined; name = this.zoneQueues.take(zone)) {
        const node = this.nodes.lister.get(name);
        const ready = readyCondition(node)?.status;
        if (node === undefined || ready === 'True') continue;
        const [want, other] = ready === 'False' ? [NO_EXECUTE_NOT_READY, NO_EXECUTE_UNREACHABLE] : [NO_EXECUTE_UNREACHABLE, NO_EXECUTE_NOT_READY];
        try {
          await swapNodeTaints(this.ctx.client, name, [want], [other], this.options.clock.now());
        } catch (error) {
          this.ctx.logger.warn(`${this.name}: tainting failed, queued again`, { node: name, error });
          this.zoneQueues.add(zone, name);
        }
      }
    }
  }

  /** Zone states and their rates (upstream's handleDisruption). */
  private async handleDisruption(readiness: Map<string, (string | undefined)[]>): Promise<void> {
    const states = new Map([...readiness].map(([zone, statuses]) => [zone, computeZoneState(statuses, this.options.unhealthyZoneThreshold)] as const));
    const allFull = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    const wasAllFull = this.zoneStates.size > 0 && [...this.zoneStates.values()].every((s) => s === 'FullDisruption');
    if (allFull) {
      // Every zone down looks like the controller's own network failing: evict nothing.
      for (const zone of states.keys()) this.zoneQueues.setRate(zone, 0);
      if (!wasAllFull) await this.markAllReachable();
    } else {
      // Leaving that mode, every node gets a full grace period again before it is judged.
      if (wasAllFull) this.health.resetAll(this.options.clock.now());
      for (const [zone, state] of states) {
        if (!wasAllFull && this.zoneStates.get(zone) === state) continue;
        this.zoneQueues.setRate(zone, zoneEvictionRate(state, readiness.get(zone)?.length ?? 0, this.options));
      }
    }
    this.zoneStates.clear();
    for (const [zone, state] of states) this.zoneStates.set(zone, state);
  }

  private async markAllReachable(): Promise<void> {
    const now = this.options.clock.now();
    for (const node of this.nodes.lister.list()) {
      const name = node.metadata?.name ?? '';
      this.zoneQueues.remove(zoneOf(node), name);
      const taints = taintsOf(node);
      if (hasTaint(taints, NO_EXECUTE_NOT_READY) || hasTaint(taints, NO_EXECUTE_UNREACHABLE)) await swapNodeTaints(this.ctx.client, name, [], [NO_EXECUTE_NOT_READY, NO_EXECUTE_UNREACHABLE], now);
    }
  }

  private async markPodsNotReady(nodeName: string, now: number): Promise<void> {
    for (const pod of this.pods.store.byIndex(NODE_NAME_INDEX, nodeName)) await markPodNotReady(this.ctx.client, pod, now);
  }

  private forgetNode(name: string): void {
    this.health.forget(name);
    this.lastReady.delete(name);
    for (const zone of this.zoneQueues.zoneNames()) this.zoneQueues.remove(zone, name);
  }
}

function hasTaint(taints: readonly Taint[], taint: Taint): boolean {
  return taints.some((t) => t.key === taint.key && t.effect === taint.effect);
}
