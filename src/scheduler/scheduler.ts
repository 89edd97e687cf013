// The scheduler process: informers feed the cache and the queue; one loop pops a pod,
// runs its profile's scheduling cycle on a fresh snapshot, assumes the pod on the chosen
// node and starts the binding cycle without waiting for it, so the next pod is scheduled
// while the binding request is in flight.

import os from 'node:os';
import { EventRecorder, InformerFactory, clientEventSink, deletedObject, realClock, stderrLogger, type Client, type Clock, type Logger, type Pod, type SharedInformer } from '../client/index.js';
import type { KubeObject } from '../machinery/meta.js';
import type { GroupVersionResource } from '../machinery/schema.js';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { buildFramework } from './config/profile.js';
import { defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
import type { ActionType, ClusterEvent } from './framework/cluster-event.js';
import type { Framework } from './framework/framework.js';
import { ASSIGNED_POD_LABEL_UPDATE, nodeUpdateEvents, podLabelsChanged } from './cluster-events.js';
import type { QueuedPodInfo } from './framework/interfaces.js';
import { Status } from './framework/status.js';
import { WaitingPods } from './framework/waiting-pods.js';
import { podKey, podPriority, podSpec } from './framework/types.js';
import { REGISTRY, type Factory, type SchedulerHandle } from './plugins/registry.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { Nominator } from './nominator.js';
import { NodeCursor, schedulePod, type PointTimer } from './schedule-one.js';
import { SchedulerMetrics, since } from './metrics/scheduler-metrics.js';
import { bindPod, clearNominatedNodeName, evictVictim, recordFailure, type FailureReporter } from './status-writer.js';

/** Event writes in flight at once, per profile. */
const EVENT_WRITERS = 16;

/** How long the scheduling loop may run cycles before it lets the event loop turn. */
const SCHEDULING_SLICE_MS = 5;

export interface SchedulerOptions {
  readonly client: Client;
  readonly config?: SchedulerConfiguration;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Shares informers with other components in the same process. */
  readonly informers?: InformerFactory;
  /**
   * Out-of-tree plugins by name (upstream's app.WithPlugin), usable in profiles besides
   * the in-tree ones; load a file naming them with `loadConfigFile(file, withOutOfTree(…))`.
   */
  readonly outOfTree?: ReadonlyMap<string, Factory>;
  /** Where to record kube-scheduler's metrics; the scheduler makes its own otherwise. */
  readonly metrics?: SchedulerMetrics;
}

/** The in-tree registry with `outOfTree` plugins added (an out-of-tree name may not shadow an in-tree one). */
export function withOutOfTree(outOfTree: ReadonlyMap<string, Factory> = new Map()): ReadonlyMap<string, Factory> {
  for (const name of outOfTree.keys()) if (REGISTRY.has(name)) throw new DuplicatePluginError(name);
  return new Map([...REGISTRY, ...outOfTree]);
}

/** Thrown when an out-of-tree plugin takes the name of an in-tree one. */
export class DuplicatePluginError extends Error {
  constructor(readonly plugin: string) {
    super(`a plugin named "${plugin}" already exists`);
    this.name = 'DuplicatePluginError';
  }
}

interface Profile {
  readonly framework: Framework;
  readonly recorder: EventRecorder;
  /** Records the scheduling cycle's extension points for this profile. */
  readonly timed: PointTimer;
}

/** Thrown when profiles disagree on QueueSort (there is one queue for all of them). */
export class QueueSortMismatchError extends Error {
  constructor() {
    super('profiles: every profile must use the same queueSort plugin');
    this.name = 'QueueSortMismatchError';
  }
}

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly metrics: SchedulerMetrics;
  /** Victims evicted in the current cycle (preemption_victims). */
  private victims = 0;
  private readonly snapshot = new Snapshot();
  private readonly cursor = new NodeCursor();
  private readonly nominator = new Nominator();
  private readonly profiles = new Map<string, Profile>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly informers: InformerFactory;
  private readonly ownsInformers: boolean;
  private readonly bindings = new Set<Promise<void>>();
  /** Pods parked at Permit, shared by the profiles (upstream shares one map too). */
  private readonly waitingPods: WaitingPods;
  /** `group/resource` of the informers plugins asked for, each watched once. */
  private readonly pluginResources = new Set<string>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? stderrLogger;
    this.ownsInformers = options.informers === undefined;
    this.informers = options.informers ?? new InformerFactory(options.client);
    this.waitingPods = new WaitingPods(this.clock);
    const metrics = (this.metrics = options.metrics ?? new SchedulerMetrics());
    const config = options.config ?? defaultConfiguration();
    const registry = withOutOfTree(options.outOfTree);
    for (const profile of config.profiles) {
      const ref: { framework?: Framework } = {};
      const handle: SchedulerHandle = {
        snapshot: () => this.snapshot,
        bind: (pod, node, annotations) => bindPod(options.client, pod, node, annotations),
        // Preemption's dry run counts the pods other preemptors were nominated for (upstream's
        // RunFilterPluginsWithNominatedPods), so two of them do not make room for one.
        runFilters: (state, pod, node) => ref.framework!.runFiltersWithNominated(state, pod, node, this.nominator.on(node.name())),
        preFilterExtensions: {
          addPod: (state, pod, added, node) => ref.framework!.runPreFilterAddPod(state, pod, added, node),
          removePod: (state, pod, removed, node) => ref.framework!.runPreFilterRemovePod(state, pod, removed, node),
        },
        evict: (victim, preemptor, node) => {
          this.victims++;
          this.evict(this.profiles.get(profile.schedulerName)!, victim, preemptor, node);
        },
        nominatedPods: (node) => this.nominator.on(node),
        clearNomination: (pod) => this.clearNomination(this.profiles.get(profile.schedulerName)!, pod),
        informer: (gvr) => this.pluginInformer(gvr),
        getWaitingPod: (uid) => this.waitingPods.getWaitingPod(uid),
        iterateOverWaitingPods: (fn) => this.waitingPods.iterateOverWaitingPods(fn),
        rejectWaitingPod: (uid) => this.waitingPods.rejectWaitingPod(uid),
        client: options.client,
        clock: this.clock,
      };
      const framework = (ref.framework = buildFramework(profile, handle, config.percentageOfNodesToScore, `profiles[${config.profiles.indexOf(profile)}]`, registry));
      // Every pod gets its Scheduled event: upstream's events library writes each on a
      // goroutine of its own; one writer would drop most of a burst's.
      const recorder = new EventRecorder({ sink: clientEventSink(options.client), component: profile.schedulerName, instance: os.hostname(), clock: this.clock, logger: this.logger, writers: EVENT_WRITERS });
      const name = profile.schedulerName;
      const timed: PointTimer = (point, status, start) => {
        metrics.extensionPoint(point, status.code, name, start);
        // DefaultPreemption runs at PostFilter: each run is a preemption attempt, as upstream counts it.
        if (point === 'PostFilter') metrics.preemptionAttempts.inc();
      };
      this.profiles.set(name, { framework, recorder, timed });
    }
    const sorts = new Set([...this.profiles.values()].map((p) => p.framework.plugins.queueSort?.name));
    const sort = [...this.profiles.values()][0]?.framework.plugins.queueSort;
    if (sorts.size !== 1 || sort === undefined) throw new QueueSortMismatchError();
    this.queue = new SchedulingQueue({
      less: (a, b) => sort.less(a, b),
      preEnqueue: (pod) => this.profileOf(pod)?.framework.runPreEnqueue(pod) ?? Status.success(),
      clock: this.clock,
      initialBackoffMs: config.podInitialBackoffSeconds * 1000,
      maxBackoffMs: config.podMaxBackoffSeconds * 1000,
      interested: (info, event, oldObj, newObj) => this.profileOf(info.pod)?.framework.interested(info.pod, info.unschedulablePlugins ?? NONE, event, oldObj, newObj) ?? true,
      onIncoming: (queue, event) => metrics.incomingPod(queue, event),
    });
    metrics.watchQueue(this.queue, (info) => podSpec(info.pod).schedulerName ?? 'default-scheduler');
    metrics.watchCache(this.cache);
  }

  /** Starts the informers and, once they have synced, the scheduling loop. */
  async start(): Promise<void> {
    this.watch();
    if (this.ownsInformers || !this.informers.isStarted()) this.informers.start();
    await this.informers.waitForCacheSync();
    this.running = true;
    this.queue.run();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.queue.close();
    await this.loop;
    // Pods parked at Permit would hold stop() for their timeouts: let them go unreported.
    this.waitingPods.iterateOverWaitingPods((waiting) => waiting.reject('', 'scheduler stopped'));
    await Promise.allSettled([...this.bindings]);
    await Promise.all([...this.profiles.values()].map((p) => p.recorder.shutdown()));
    if (this.ownsInformers) await this.informers.shutdown();
  }

  /** An informer a plugin reads; its events are cluster events for the unschedulable pool. */
  private pluginInformer<T extends KubeObject>(gvr: GroupVersionResource): SharedInformer<T> {
    const informer = this.informers.informerFor<T>(gvr);
    const key = `${gvr.group}/${gvr.resource}`;
    if (!this.pluginResources.has(key)) {
      this.pluginResources.add(key);
      const moved = (action: ActionType, oldObj: unknown, newObj: unknown): void => this.queue.moveAllToActiveOrBackoff({ resource: gvr.resource, action }, oldObj, newObj);
      informer.addEventHandler({
        onAdd: (obj, initial) => !initial && moved('Add', undefined, obj),
        onUpdate: (old, obj) => moved('Update', old, obj),
        onDelete: (obj) => moved('Delete', deletedObject(obj), undefined),
      });
    }
    return informer;
  }

  private profileOf(pod: Pod): Profile | undefined {
    return this.profiles.get(podSpec(pod).schedulerName ?? 'default-scheduler');
  }

  private watch(): void {
    const nodes = this.informers.nodes();
    nodes.addEventHandler({
      onAdd: (node) => {
        this.cache.addNode(node);
        this.queue.moveAllToActiveOrBackoff(NODE_ADD, undefined, node);
      },
      onUpdate: (old, node) => {
        this.cache.updateNode(node);
        for (const event of nodeUpdateEvents(old, node)) this.queue.moveAllToActiveOrBackoff(event, old, node);
      },
      onDelete: (node) => {
        const gone = deletedObject(node);
        this.cache.removeNode(gone);
        this.queue.moveAllToActiveOrBackoff(NODE_DELETE, gone, undefined);
      },
    });
    const pods = this.informers.pods();
    pods.addEventHandler({
      onAdd: (pod) => this.podChanged(undefined, pod),
      onUpdate: (old, pod) => this.podChanged(old, pod),
      onDelete: (obj) => {
        const pod = deletedObject(obj);
        if (isAssigned(pod)) {
          this.cache.removePod(pod);
          this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_DELETE, pod, undefined);
        } else {
          this.nominator.remove(pod);
          this.queue.delete(pod);
          // An assumed pod parked at Permit is let go at once (upstream's RejectWaitingPod).
          this.waitingPods.rejectWaitingPod(pod.metadata?.uid ?? '');
        }
      },
    });
  }

  private podChanged(old: Pod | undefined, pod: Pod): void {
    if (isAssigned(pod)) {
      this.nominator.remove(pod);
      if (old !== undefined && !isAssigned(old)) this.queue.delete(pod);
      if (isTerminal(pod)) {
        // A finished pod frees its node's room, like a deleted one.
        this.cache.removePod(pod);
        if (old !== undefined && !isTerminal(old)) this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_DELETE, pod, undefined);
      } else {
        this.cache.addPod(pod);
        // A pod newly on a node, or one whose labels changed there, may be what an affinity
        // term or a spread constraint waits for.
        if (old === undefined || !isAssigned(old)) this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_ADD, undefined, pod);
        else if (podLabelsChanged(old, pod)) this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_LABEL_UPDATE, old, pod);
      }
      return;
    }
    if (this.profileOf(pod) === undefined || pod.metadata?.deletionTimestamp !== undefined || this.cache.isAssumed(pod)) return;
    this.nominator.set(pod);
    if (old === undefined) this.queue.add(pod);
    else this.queue.update(old, pod);
    const oldNomination = old?.status?.nominatedNodeName as string | undefined;
    if (oldNomination !== undefined && oldNomination !== '' && oldNomination !== pod.status?.nominatedNodeName) {
      // The room held on the old node is free for pods it kept out: those of no higher
      // priority, as if the nominated pod had left it (upstream: AssignedPodDelete).
      const priority = podPriority(old!);
      this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_DELETE, old, undefined, (info) => podPriority(info.pod) <= priority);
    }
  }

  private async run(): Promise<void> {
    let sliceStart = performance.now();
    for (;;) {
      const info = await this.queue.pop();
      if (info === undefined || !this.running) return;
      try {
        this.scheduleOne(info);
      } catch (error) {
        // A bug must not stop the loop: log it and retry the pod after its backoff.
        this.logger.error('scheduling cycle failed', { pod: podKey(info.pod), error: String(error) });
        this.queue.addBackoff(info);
      }
      // Let watch events and binding answers in between cycles, every few milliseconds: a
      // turn of a busy event loop takes longer than a cycle, and one cycle per turn capped
      // throughput at the loop's turn rate.
      if (performance.now() - sliceStart >= SCHEDULING_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  private scheduleOne(info: QueuedPodInfo): void {
    const latest = this.informers.pods().store.get(info.pod);
    const profile = latest === undefined ? undefined : this.profileOf(latest);
    if (latest === undefined || profile === undefined || isAssigned(latest) || latest.metadata?.deletionTimestamp !== undefined) {
      this.queue.done(info.pod);
      return;
    }
    info.pod = latest;
    const start = performance.now();
    const fw = profile.framework;
    this.cache.updateSnapshot(this.snapshot);
    const state = fw.newCycleState();
    this.victims = 0;
    const result = schedulePod(fw, state, latest, this.snapshot, this.cursor, Math.random, (node) => this.nominator.on(node), profile.timed);
    // Upstream observes the algorithm's latency for the attempts that found a node.
    if (result.kind === 'scheduled') this.metrics.algorithmDuration.observe(since(start));
    if (this.victims > 0) this.metrics.preemptionVictims.observe(this.victims);
    if (result.kind !== 'scheduled') {
      // Hold the room at once; the status write confirms it later.
      if (result.kind === 'unschedulable' && result.nominatedNodeName !== undefined) this.nominator.set(latest, result.nominatedNodeName);
      const status = result.kind === 'error' ? Status.error(result.message) : Status.unschedulable(result.message);
      info.unschedulablePlugins = result.kind === 'unschedulable' ? (result.plugins ?? NONE) : NONE;
      this.fail(profile, info, status, start, result.kind === 'unschedulable' ? result.nominatedNodeName : undefined);
      return;
    }
    const assumed: Pod = { ...latest, spec: { ...latest.spec!, nodeName: result.node } };
    this.cache.assumePod(assumed, result.node);
    const t = performance.now();
    const reserve = fw.runReserve(state, assumed, result.node);
    this.metrics.extensionPoint('Reserve', reserve.code, fw.schedulerName, t);
    if (!reserve.isSuccess()) {
      fw.runUnreserve(state, assumed, result.node);
      this.cache.forgetPod(assumed);
      info.unschedulablePlugins = rejectedBy(reserve);
      this.fail(profile, info, reserve, start);
      return;
    }
    const binding = this.bindingCycle(profile, info, state, assumed, result.node, start).finally(() => this.bindings.delete(binding));
    this.bindings.add(binding);
  }

  /** Permit to PostBind; the pod stays in flight for the queue until it ends. */
  private async bindingCycle(profile: Profile, info: QueuedPodInfo, state: ReturnType<Framework['newCycleState']>, pod: Pod, node: string, start: number): Promise<void> {
    const fw = profile.framework;
    const name = fw.schedulerName;
    let t = performance.now();
    const permit = fw.runPermit(state, pod, node);
    this.metrics.extensionPoint('Permit', permit.status.code, name, t);
    let status = permit.status;
    if (status.code === 'Wait') {
      // The pod stays assumed while it waits (upstream's WaitOnPermit).
      this.waitingPods.park(pod, permit.waits);
      const parkedAt = performance.now();
      status = await this.waitingPods.wait(pod);
      this.metrics.permitWaited(status.code, parkedAt);
      if (!this.running) {
        fw.runUnreserve(state, pod, node);
        if (this.cache.isAssumed(pod)) this.cache.forgetPod(pod);
        return;
      }
    }
    if (status.isSuccess() && fw.plugins.preBind.length > 0) {
      t = performance.now();
      status = await fw.runPreBind(state, pod, node);
      this.metrics.extensionPoint('PreBind', status.code, name, t);
    }
    if (status.isSuccess()) {
      t = performance.now();
      status = await fw.runBind(state, pod, node);
      this.metrics.extensionPoint('Bind', status.code, name, t);
    }
    if (!status.isSuccess()) {
      t = performance.now();
      fw.runUnreserve(state, pod, node);
      this.metrics.extensionPoint('Unreserve', 'Success', name, t);
      // The watch may already show the pod bound (the answer was lost, not the binding).
      const forgotten = this.cache.isAssumed(pod);
      if (forgotten) this.cache.forgetPod(pod);
      info.unschedulablePlugins = rejectedBy(status);
      // The room the pod held is free again: for the pods waiting in the pool that is an
      // assigned pod's deletion (upstream). A rejected pod is queued first and left out of
      // the move, so that the event recorded while it was in flight does not retry it at once.
      const freed = () => this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_DELETE, pod, undefined, (other) => other.pod.metadata?.uid !== pod.metadata?.uid);
      if (forgotten && !status.isRejected()) freed();
      this.fail(profile, info, status.isRejected() ? status : Status.error(`binding rejected: ${status.message()}`), start);
      if (forgotten && status.isRejected()) freed();
      return;
    }
    this.queue.done(pod);
    t = performance.now();
    fw.runPostBind(state, pod, node);
    this.metrics.extensionPoint('PostBind', 'Success', name, t);
    this.metrics.attempt('scheduled', name, start);
    this.metrics.scheduled(info.attempts, (this.clock.now() - info.initialTimestamp) / 1000);
    profile.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${podKey(pod)} to ${node}`);
  }

  private fail(profile: Profile, info: QueuedPodInfo, status: Status, start: number, nominatedNodeName?: string): void {
    this.metrics.attempt(status.isRejected() ? 'unschedulable' : 'error', profile.framework.schedulerName, start);
    // A pod deleted or bound meanwhile is not reported nor queued again.
    const latest = this.informers.pods().store.get(info.pod);
    if (latest === undefined || isAssigned(latest)) {
      this.queue.done(info.pod);
      return;
    }
    recordFailure(this.reporter(profile), info.pod, status, nominatedNodeName);
    if (status.code === 'Error') this.queue.addBackoff(info);
    else this.queue.addUnschedulable(info);
  }

  private reporter(profile: Profile): FailureReporter {
    return { client: this.options.client, recorder: profile.recorder, logger: this.logger, clock: this.clock };
  }

  /** Drops the nomination at once (the next cycle must not count it), then in the API. */
  private clearNomination(profile: Profile, pod: Pod): void {
    this.nominator.remove(pod);
    const write = clearNominatedNodeName(this.reporter(profile), pod).finally(() => this.bindings.delete(write));
    this.bindings.add(write);
  }

  private evict(profile: Profile, victim: Pod, preemptor: Pod, node: string): void {
    const eviction = evictVictim(this.reporter(profile), victim, preemptor, node).finally(() => this.bindings.delete(eviction));
    this.bindings.add(eviction);
  }
}

const NONE: ReadonlySet<string> = new Set();
const NODE_ADD: ClusterEvent = { resource: 'nodes', action: 'Add' };
const NODE_DELETE: ClusterEvent = { resource: 'nodes', action: 'Delete' };
const ASSIGNED_POD_ADD: ClusterEvent = { resource: 'pods', action: 'Add' };
const ASSIGNED_POD_DELETE: ClusterEvent = { resource: 'pods', action: 'Delete' };

/** The plugin a status names, for queueing hints (none: any event may help). */
function rejectedBy(status: Status): ReadonlySet<string> {
  return status.plugin === '' ? NONE : new Set([status.plugin]);
}

function isAssigned(pod: Pod): boolean {
  const node = podSpec(pod).nodeName;
  return node !== undefined && node !== '';
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Starts a scheduler; resolves once it is scheduling, with a function that stops it. */
export async function runScheduler(options: SchedulerOptions): Promise<() => Promise<void>> {
  const scheduler = new Scheduler(options);
  await scheduler.start();
  return () => scheduler.stop();
}
