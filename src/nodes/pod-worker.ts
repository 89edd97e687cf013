// Drives the pods bound to a simulator's nodes through planPod (pod-lifecycle.ts), as a
// controller: one shared pod informer for all nodes (filtered by node name), handlers
// that only enqueue keys, workers that plan from the cache and write through the API —
// pods/status with the cached resourceVersion (a conflict re-queues; the newer pod is on
// its way), or a delete with grace 0. Times the plan asks to look again at become
// delayed adds on the same queue, so nothing runs while nothing is due. A pod waiting to
// start goes ahead of the rest (the queue's urgent lane): on a real node every pod has a
// worker of its own, so starting one never waits behind the teardown of others, and a
// rolling update's deletions would otherwise hold up its new pods here.

import { deletedObject, RateLimitingQueue, type Client, type Clock, type Container, type Logger, type Pod, type SharedInformer } from '../client/index.js';
import { isNotFound } from '../machinery/errors.js';
import { objectKey } from '../machinery/meta.js';
import type { NodeAgent } from './node-agent.js';
import { planPod, type LifecycleSettings } from './pod-lifecycle.js';
import { semanticEqual } from './semantic-equal.js';

export interface PodWorkerOptions {
  readonly client: Client;
  readonly informer: SharedInformer<Pod>;
  /** The simulator's nodes by name; pods bound elsewhere are ignored. */
  readonly nodes: ReadonlyMap<string, NodeAgent>;
  readonly settings: LifecycleSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Concurrent API writes (default 16); the client's rate limit applies on top. */
  readonly workers?: number;
}

/**
 * Contract: start() after the informer has been created and before it runs, so the
 * initial pods reserve their IPs before any worker hands one out; stop() resolves when
 * no worker is writing and no delayed key is left.
 */
export class PodWorker {
  private readonly queue: RateLimitingQueue<string>;
  private readonly deletionSeen = new Map<string, number>();
  /** When this simulator started each pod, to the ms (status.startTime has whole seconds). */
  private readonly startedAt = new Map<string, number>();
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: PodWorkerOptions) {
    this.queue = new RateLimitingQueue<string>({ clock: options.clock });
  }

  /** Registers the handlers; workers start when the informer has synced. */
  start(): void {
    const { informer } = this.options;
    informer.addEventHandler({
      onAdd: (pod: Pod) => this.observe(pod),
      onUpdate: (_old: Pod, pod: Pod) => this.observe(pod),
      onDelete: (obj) => this.forget(deletedObject(obj)),
    });
    this.loops.push(
      informer.waitForSync().then((synced) => {
        if (!synced) return;
        const workers = this.options.workers ?? 16;
        for (let i = 0; i < workers; i++) this.loops.push(this.loop());
      }),
    );
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    // Loops may be added while the first one (waiting for sync) resolves.
    for (let settled = 0; settled < this.loops.length; settled = this.loops.length) await Promise.all(this.loops.slice(settled));
  }

  private agentOf(pod: Pod): NodeAgent | undefined {
    const nodeName = pod.spec?.nodeName;
    return nodeName === undefined ? undefined : this.options.nodes.get(nodeName);
  }

  private observe(pod: Pod): void {
    const agent = this.agentOf(pod);
    if (agent === undefined) return;
    const uid = pod.metadata?.uid ?? '';
    // A pod that already reports an IP keeps it (after a simulator restart), so it is
    // reserved before any new pod is given one.
    if (typeof pod.status?.podIP === 'string' && pod.status.podIP !== '') agent.ips.ipFor(uid, pod.status.podIP);
    if (pod.metadata?.deletionTimestamp !== undefined && !this.deletionSeen.has(uid)) this.deletionSeen.set(uid, this.options.clock.now());
    if (waitsToStart(pod)) this.queue.addUrgent(objectKey(pod));
    else this.queue.add(objectKey(pod));
  }

  private forget(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    this.deletionSeen.delete(uid);
    this.startedAt.delete(uid);
    this.agentOf(pod)?.ips.release(uid);
  }

  private async loop(): Promise<void> {
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      try {
        await this.sync(key);
        this.queue.forget(key);
      } catch (error) {
        if (!this.queue.shuttingDown()) this.options.logger.warn('pod sync failed; retrying', { pod: key, error });
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  private async sync(key: string): Promise<void> {
    const pod = this.options.informer.store.getByKey(key);
    const agent = pod === undefined ? undefined : this.agentOf(pod);
    if (pod === undefined || agent === undefined) return;
    const { clock, client, settings } = this.options;
    const uid = pod.metadata?.uid ?? '';
    const now = clock.now();
    if (pod.status?.startTime === undefined && !this.startedAt.has(uid)) this.startedAt.set(uid, now);
    const init = (pod.spec?.initContainers ?? []) as Container[];
    agent.pulledImages([...init, ...(pod.spec?.containers ?? [])].map((c) => c.image ?? ''));
    const plan = planPod(pod, {
      now,
      startedAt: this.startedAt.get(uid),
      hostIP: agent.identity.internalIP,
      podIP: agent.ips.ipFor(uid, pod.status?.podIP),
      deletionSeenAt: this.deletionSeen.get(uid),
      settings,
    });
    const pods = client.pods(pod.metadata?.namespace ?? 'default');
    let wrote = false;
    if (plan.delete) {
      await ignoreNotFound(pods.delete(pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid } }));
      return;
    }
    if (plan.status !== undefined && !semanticEqual(plan.status, pod.status)) {
      await ignoreNotFound(pods.updateStatus({ ...pod, status: plan.status }));
      wrote = true;
    }
    // After a write the informer brings the new pod (and a fresh look) anyway; a wake-up
    // already due would only plan from the stale cache.
    if (plan.wakeAt !== undefined && (!wrote || plan.wakeAt > now)) this.queue.addAfter(key, Math.max(0, plan.wakeAt - now));
  }
}

/** A pod the node has not started yet (no startTime) and is not deleting. */
function waitsToStart(pod: Pod): boolean {
  return pod.status?.startTime === undefined && pod.metadata?.deletionTimestamp === undefined;
}

async function ignoreNotFound(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
