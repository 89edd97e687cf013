// The scheduling queue (upstream's PriorityQueue): three parts, a pod in at most one.
//
//   add ──PreEnqueue ok──▶ activeQ ──pop──▶ (in flight) ──bound──▶ gone
//    │                       ▲   ▲                │
//    │ PreEnqueue rejects    │   │ backoff over   ├─ Error ───────────────▶ backoffQ
//    ▼                       │   │                ├─ Unschedulable, and an event that arrived
//   unschedulable (gated) ───┘  backoffQ ◀────────┤   while in flight may help it ─▶ backoffQ
//    ▲  pod update passing       ▲                └─ Unschedulable ───────▶ unschedulable
//    │  PreEnqueue               │                                           │
//    │                           └─ cluster event a rejecting plugin         │
//    │                              registered for, or 5 min there, still backing off┘
//    │                                 (not backing off: straight to activeQ)
//
// A pod is in flight from pop until the scheduler reports it back (failure) or calls
// done (bound, dropped): through its binding cycle too. Cluster events arriving meanwhile
// are kept (in-flight.ts); a failing pod goes to backoffQ rather than the pool when one of
// them passes the queueing hints of the plugins that rejected it, when its own spec
// changed, or when no plugin is named for its failure (upstream retries those).
//
// Backoff: 1 s doubling per attempt up to 10 s, counted from the last failure; backoffQ
// is flushed every second and the unschedulable pool checked every 30 s.

import type { Pod } from '../../client/index.js';
import { realClock, type Clock } from '../../client/index.js';
import type { Timer } from '../../client/clock.js';
import type { ClusterEvent } from '../framework/cluster-event.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import type { Status } from '../framework/status.js';
import { podKey } from '../framework/types.js';
import { KeyedHeap } from './heap.js';
import { InFlightLog } from './in-flight.js';

export interface QueueOptions {
  /** QueueSort: true when `a` goes before `b`. */
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** PreEnqueue of the pod's profile. */
  readonly preEnqueue: (pod: Pod) => Status;
  readonly clock?: Clock;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly maxUnschedulableMs?: number;
  /** Whether a cluster event may help an unschedulable pod (queueing hints); default: always. */
  readonly interested?: (info: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown) => boolean;
  /** Called for each pod entering a part, with why (metrics: scheduler_queue_incoming_pods_total). */
  readonly onIncoming?: (queue: QueueName, event: ClusterEvent | string) => void;
}

export type QueueName = 'active' | 'backoff' | 'unschedulable';

const BACKOFF_FLUSH_MS = 1000;
const UNSCHEDULABLE_FLUSH_MS = 30_000;

/**
 * Contract: pop() resolves with the next pod by QueueSort, waiting while activeQ is empty,
 * and with undefined once closed; a pod is in at most one of the three parts; the
 * scheduler ends each popped pod's attempt exactly once, with addUnschedulable, addBackoff
 * or done (or delete, when the pod is gone), after its binding cycle if it has one: until
 * then the cluster events the queue receives are kept for it.
 */
export class SchedulingQueue {
  private readonly clock: Clock;
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  /** Popped and not yet reported back, and the cluster events since. */
  private readonly inFlight = new InFlightLog();
  private readonly waiters: ((info: QueuedPodInfo | undefined) => void)[] = [];
  private readonly timers = new Set<Timer>();
  private closed = false;

  constructor(private readonly options: QueueOptions) {
    this.clock = options.clock ?? realClock;
    const key = (i: QueuedPodInfo): string => podKey(i.pod);
    this.activeQ = new KeyedHeap(key, options.less);
    this.backoffQ = new KeyedHeap(key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** Starts the periodic flushes. */
  run(): void {
    this.every(BACKOFF_FLUSH_MS, () => this.flushBackoffCompleted());
    this.every(UNSCHEDULABLE_FLUSH_MS, () => this.flushUnschedulableLeftover());
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const now = this.clock.now();
    this.enqueue({ pod, initialTimestamp: now, timestamp: now, attempts: 0, gated: false }, 'PodAdd');
  }

  /**
   * A pending pod changed. Where it is queued it is updated; an unschedulable pod moves on
   * only when something that could change the verdict changed (not just its status, which
   * the scheduler itself writes), and a gated one only when PreEnqueue now admits it.
   */
  update(old: Pod, pod: Pod): void {
    const key = podKey(pod);
    if (this.inFlight.has(key)) {
      if (specChanged(old, pod)) this.inFlight.markUpdated(key);
      return;
    }
    for (const q of [this.activeQ, this.backoffQ]) {
      const info = q.get(key);
      if (info !== undefined) {
        info.pod = pod;
        q.push(info);
        return;
      }
    }
    const info = this.unschedulable.get(key);
    if (info === undefined) {
      this.add(pod);
      return;
    }
    info.pod = pod;
    if (!specChanged(old, pod)) return;
    this.unschedulable.delete(key);
    // An update may be what the pod waited for (gates removed, tolerations added).
    if (info.gated) this.enqueue(info, 'PodUpdate');
    else this.moveOne(info, 'PodUpdate');
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.inFlight.end(key);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
  }

  /** The next pod to schedule; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const info = this.activeQ.pop();
    if (info !== undefined) return Promise.resolve(this.popped(info));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * A popped pod that failed as Unschedulable (`info.unschedulablePlugins` names who
   * rejected it): to backoffQ if something that arrived while it was in flight may help
   * it (upstream's determineSchedulingHintForInFlightPod), else to the pool.
   */
  addUnschedulable(info: QueuedPodInfo): void {
    info.timestamp = this.clock.now();
    const key = podKey(info.pod);
    const helped = this.mayHelpInFlight(info, key);
    // A change of the pod itself while in flight may be what it needed.
    const updated = this.inFlight.end(key)?.updated ?? false;
    if (helped || updated) this.moveOne(info, 'ScheduleAttemptFailure');
    else {
      this.unschedulable.set(key, info);
      this.options.onIncoming?.('unschedulable', 'ScheduleAttemptFailure');
    }
  }

  /** A popped pod that failed with an error: retried after its backoff. */
  addBackoff(info: QueuedPodInfo): void {
    info.timestamp = this.clock.now();
    this.done(info.pod);
    this.backoffQ.push(info);
    this.options.onIncoming?.('backoff', 'ScheduleAttemptFailure');
  }

  /** The popped pod's attempt is over (bound, or dropped). */
  done(pod: Pod): void {
    this.inFlight.end(podKey(pod));
  }

  /**
   * A cluster event that may make unschedulable pods schedulable: the pods a plugin that
   * rejected them registered for it (and whose hint accepts the change from `oldObj` to
   * `newObj`) move on; all of them without an event. `only` narrows the pods considered
   * (upstream's preCheck); pods in flight see the event whatever it says.
   */
  moveAllToActiveOrBackoff(event?: ClusterEvent, oldObj?: unknown, newObj?: unknown, only?: (info: QueuedPodInfo) => boolean): void {
    this.inFlight.record(event, oldObj, newObj);
    const interested = this.options.interested;
    for (const [key, info] of this.unschedulable) {
      if (info.gated || (only !== undefined && !only(info))) continue;
      if (event !== undefined && interested !== undefined && !interested(info, event, oldObj, newObj)) continue;
      this.unschedulable.delete(key);
      this.moveOne(info, event ?? 'ForceActivate');
    }
  }

  /** Counts per part, for tests and metrics. */
  counts(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size };
  }

  /** The pods of the unschedulable pool (gated ones included), for metrics; read only. */
  unschedulablePods(): IterableIterator<Readonly<QueuedPodInfo>> {
    return this.unschedulable.values();
  }

  flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (let head = this.backoffQ.peek(); head !== undefined && this.backoffExpiry(head) <= now; head = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.toActive(head, 'BackoffComplete');
    }
  }

  flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    const max = this.options.maxUnschedulableMs ?? 300_000;
    for (const [key, info] of this.unschedulable) {
      if (info.gated || now - info.timestamp < max) continue;
      this.unschedulable.delete(key);
      this.moveOne(info, 'UnschedulableTimeout');
    }
  }

  backoffDuration(attempts: number): number {
    const initial = this.options.initialBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 10_000;
    let d = initial;
    for (let i = 1; i < attempts && d < max; i++) d *= 2;
    return Math.min(d, max);
  }

  /** Whether the failed, in-flight pod should be retried rather than wait in the pool. */
  private mayHelpInFlight(info: QueuedPodInfo, key: string): boolean {
    const rejectors = info.unschedulablePlugins;
    // No plugin named: something unusual failed, and no event is known to cure it.
    if (rejectors === undefined || rejectors.size === 0) return true;
    const interested = this.options.interested;
    for (const { event, oldObj, newObj } of this.inFlight.eventsSince(key)) {
      if (event === undefined || interested === undefined || interested(info, event, oldObj, newObj)) return true;
    }
    return false;
  }

  private backoffExpiry(info: QueuedPodInfo): number {
    return info.timestamp + this.backoffDuration(info.attempts);
  }

  private enqueue(info: QueuedPodInfo, event: string): void {
    const verdict = this.options.preEnqueue(info.pod);
    info.gated = !verdict.isSuccess();
    if (info.gated) {
      this.unschedulable.set(podKey(info.pod), info);
      this.options.onIncoming?.('unschedulable', event);
    } else this.toActive(info, event);
  }

  private moveOne(info: QueuedPodInfo, event: ClusterEvent | string): void {
    if (info.attempts > 0 && this.backoffExpiry(info) > this.clock.now()) {
      this.backoffQ.push(info);
      this.options.onIncoming?.('backoff', event);
    } else this.toActive(info, event);
  }

  private toActive(info: QueuedPodInfo, event: ClusterEvent | string): void {
    this.options.onIncoming?.('active', event);
    info.timestamp = this.clock.now();
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter(this.popped(info));
    else this.activeQ.push(info);
  }

  private popped(info: QueuedPodInfo): QueuedPodInfo {
    this.inFlight.begin(podKey(info.pod));
    info.attempts++;
    return info;
  }

  private every(ms: number, fn: () => void): void {
    const tick = (): void => {
      this.timers.delete(timer);
      if (this.closed) return;
      fn();
      this.every(ms, fn);
    };
    const timer = this.clock.setTimeout(tick, ms);
    this.timers.add(timer);
  }
}

/** Whether an update can change a scheduling verdict: anything but status and bookkeeping metadata. */
function specChanged(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod): string => {
    const { resourceVersion: _rv, managedFields: _mf, generation: _g, ...meta } = (p.metadata ?? {}) as Record<string, unknown>;
    return JSON.stringify([meta, p.spec]);
  };
  return strip(old) !== strip(pod);
}
