// kube-scheduler's metrics (upstream's pkg/scheduler/metrics/metrics.go): the same names,
// types, labels and buckets, recorded where the scheduler does the work. Recording costs a
// few number operations: labelled children are looked up once per (profile, result) and
// kept; the queue gauges are computed when /metrics is scraped, not kept up to date.

import type { CounterChild, HistogramChild } from '../../machinery/metrics/metrics.js';
import { Counter, exponentialBuckets, Gauge, Histogram, Registry } from '../../machinery/metrics/metrics.js';
import type { ClusterEvent } from '../framework/cluster-event.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import type { QueueName } from '../queue/scheduling-queue.js';

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

/** The extension points whose duration is recorded for every attempt (upstream's set: not Filter, which runs per node). */
export type ExtensionPoint = 'PreFilter' | 'PostFilter' | 'PreScore' | 'Score' | 'Reserve' | 'Unreserve' | 'Permit' | 'PreBind' | 'Bind' | 'PostBind';

/** What the scrape-time cache gauge reads. */
export interface CacheCounts {
  nodeCount(): number;
  podCounts(): { pods: number; assumed: number };
}

/** What the scrape-time gauges read from the queue. */
export interface QueueView {
  counts(): { active: number; backoff: number; unschedulable: number };
  unschedulablePods(): Iterable<Readonly<QueuedPodInfo>>;
}

/** Upstream's labels of the cluster events that move pods (framework.ClusterEvent.Label). */
const NODE_EVENT_LABELS: Readonly<Record<string, string>> = {
  Add: 'NodeAdd',
  Delete: 'NodeDelete',
  UpdateNodeLabel: 'NodeLabelChange',
  UpdateNodeTaint: 'NodeTaintChange',
  UpdateNodeAllocatable: 'NodeAllocatableChange',
  UpdateNodeCondition: 'NodeConditionChange',
};

export function eventLabel(event: ClusterEvent | string): string {
  if (typeof event === 'string') return event;
  if (event.resource === 'nodes') return NODE_EVENT_LABELS[event.action] ?? `Node${event.action}`;
  if (event.resource === 'pods') return `AssignedPod${event.action}`;
  return `${event.resource}${event.action}`;
}

/** The seconds since `startMs`, a performance.now() reading. */
export function since(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

export class SchedulerMetrics {
  readonly registry = new Registry();
  private readonly attempts = this.registry.register(
    new Counter({ name: 'scheduler_schedule_attempts_total', help: "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.", labels: ['result', 'profile'] }),
  );
  private readonly attemptDuration = this.registry.register(
    new Histogram({ name: 'scheduler_scheduling_attempt_duration_seconds', help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)', labels: ['result', 'profile'], buckets: exponentialBuckets(0.001, 2, 15) }),
  );
  private readonly pending = this.registry.register(
    new Gauge({
      name: 'scheduler_pending_pods',
      help: "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
      labels: ['queue'],
    }),
  );
  readonly preemptionAttempts = this.registry.register(new Counter({ name: 'scheduler_preemption_attempts_total', help: 'Total preemption attempts in the cluster till now' })).with();
  readonly preemptionVictims = this.registry.register(new Histogram({ name: 'scheduler_preemption_victims', help: 'Number of selected preemption victims', buckets: exponentialBuckets(1, 2, 7) })).with();
  private readonly incoming = this.registry.register(new Counter({ name: 'scheduler_queue_incoming_pods_total', help: 'Number of pods added to scheduling queues by event and queue type.', labels: ['queue', 'event'] }));
  private readonly unschedulable = this.registry.register(
    new Gauge({
      name: 'scheduler_unschedulable_pods',
      help: 'The number of unschedulable pods broken down by plugin name. A pod will increment the gauge for all plugins that caused it to not schedule and so this metric have meaning only when broken down by plugin.',
      labels: ['plugin', 'profile'],
    }),
  );
  private readonly extensionPoints = this.registry.register(
    new Histogram({ name: 'scheduler_framework_extension_point_duration_seconds', help: 'Latency for running all plugins of a specific extension point.', labels: ['extension_point', 'status', 'profile'], buckets: exponentialBuckets(0.0001, 2, 12) }),
  );
  readonly podAttempts = this.registry.register(new Histogram({ name: 'scheduler_pod_scheduling_attempts', help: 'Number of attempts to successfully schedule a pod.', buckets: exponentialBuckets(1, 2, 5) })).with();
  private readonly sli = this.registry.register(
    new Histogram({
      name: 'scheduler_pod_scheduling_sli_duration_seconds',
      help: 'E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might involve multiple scheduling attempts.',
      labels: ['attempts'],
      buckets: exponentialBuckets(0.01, 2, 20),
    }),
  );
  readonly algorithmDuration = this.registry.register(
    new Histogram({ name: 'scheduler_scheduling_algorithm_duration_seconds', help: 'Scheduling algorithm latency in seconds', buckets: exponentialBuckets(0.001, 2, 15) }),
  ).with();
  private readonly cacheSize = this.registry.register(
    new Gauge({ name: 'scheduler_scheduler_cache_size', help: 'Number of nodes, pods, and assumed (bindings) pods in the scheduler cache.', labels: ['type'] }),
  );
  private readonly permitWait = this.registry.register(
    new Histogram({ name: 'scheduler_permit_wait_duration_seconds', help: 'Duration of waiting on permit.', labels: ['result'], buckets: exponentialBuckets(0.001, 2, 15) }),
  );
  // Children resolved once and kept, in nested maps so that no key string is built per pod.
  private readonly attemptChildren = new Nested<[CounterChild, HistogramChild]>();
  private readonly pointChildren = new Nested<HistogramChild>();
  private readonly incomingChildren = new Nested<CounterChild>();

  /** Refreshes the queue gauges at each scrape from `queue`, and `profileOf` names a pod's profile. */
  watchQueue(queue: QueueView, profileOf: (info: Readonly<QueuedPodInfo>) => string): void {
    this.registry.beforeScrape(() => {
      const counts = queue.counts();
      let gated = 0;
      this.unschedulable.reset();
      for (const info of queue.unschedulablePods()) {
        if (info.gated) {
          gated++;
          continue;
        }
        for (const plugin of info.unschedulablePlugins ?? []) this.unschedulable.with(plugin, profileOf(info)).inc();
      }
      this.pending.with('active').set(counts.active);
      this.pending.with('backoff').set(counts.backoff);
      this.pending.with('unschedulable').set(counts.unschedulable - gated);
      this.pending.with('gated').set(gated);
    });
  }

  /** Refreshes the cache gauge at each scrape. */
  watchCache(cache: CacheCounts): void {
    this.registry.beforeScrape(() => {
      const { pods, assumed } = cache.podCounts();
      this.cacheSize.with('nodes').set(cache.nodeCount());
      this.cacheSize.with('pods').set(pods);
      this.cacheSize.with('assumed_pods').set(assumed);
    });
  }

  /** A pod parked at Permit from `startMs` (performance.now()) until now, ending with `result` (a status code). */
  permitWaited(result: string, startMs: number): void {
    this.permitWait.with(result).observe(since(startMs));
  }

  /** One scheduling attempt ended (`startMs`: performance.now() when its cycle began). */
  attempt(result: AttemptResult, profile: string, startMs: number): void {
    const children = this.attemptChildren.get(profile, result, '', () => [this.attempts.with(result, profile), this.attemptDuration.with(result, profile)]);
    children[0].inc();
    children[1].observe(since(startMs));
  }

  /** A pod was bound: how many attempts it took, and since it first entered the queue (clock ms). */
  scheduled(attempts: number, sinceQueuedSeconds: number): void {
    this.podAttempts.observe(attempts);
    // Upstream's label: the count up to 15, then "15+".
    this.sli.with(attempts >= 15 ? '15+' : String(attempts)).observe(sinceQueuedSeconds);
  }

  /** An extension point ran from `startMs` (performance.now()) until now. */
  extensionPoint(point: ExtensionPoint, status: string, profile: string, startMs: number): void {
    this.pointChildren.get(profile, point, status, () => this.extensionPoints.with(point, status, profile)).observe(since(startMs));
  }

  /** The queue's onIncoming. */
  incomingPod(queue: QueueName, event: ClusterEvent | string): void {
    const label = eventLabel(event);
    this.incomingChildren.get(queue, label, '', () => this.incoming.with(queue, label)).inc();
  }

  expose(): string {
    return this.registry.expose();
  }
}

/** A three-level map of metric children, filled on first use. */
class Nested<T> {
  private readonly root = new Map<string, Map<string, Map<string, T>>>();

  get(a: string, b: string, c: string, create: () => T): T {
    let level1 = this.root.get(a);
    if (level1 === undefined) this.root.set(a, (level1 = new Map()));
    let level2 = level1.get(b);
    if (level2 === undefined) level1.set(b, (level2 = new Map()));
    let value = level2.get(c);
    if (value === undefined) level2.set(c, (value = create()));
    return value;
  }
}
