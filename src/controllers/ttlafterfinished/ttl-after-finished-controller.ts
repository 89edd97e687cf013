// The TTL-after-finished controller (upstream's pkg/controller/ttlafterfinished): deletes a
// finished Job ttlSecondsAfterFinished after it finished (completionTime, or the Failed
// condition's transition), in the foreground so that its pods go first.
//
//   sync(ns/name): not finished or no TTL ─▶ nothing │ expiry in the future ─▶ re-queue then
//                  expired ─▶ GET it fresh, check again ─▶ DELETE with its resourceVersion

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { objectKey, splitNamespacedKey } from '../../machinery/meta.js';
import { parseTime } from '../../machinery/time.js';
import { RateLimitingQueue, realClock, type Clock, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { JOBS, finishedCondition, type Job } from '../job/types.js';

export interface TtlAfterFinishedOptions {
  /** The clock expiries are measured against (also the queue's). Default: real. */
  readonly clock?: Clock;
}

/** When the Job may be deleted (ms), if it is finished and has a TTL. */
export function expiresAt(job: Job): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  const finished = finishedCondition(job);
  if (ttl === undefined || finished === undefined || job.metadata?.deletionTimestamp !== undefined) return undefined;
  const at = finished.type === 'Complete' ? (job.status?.completionTime ?? finished.lastTransitionTime) : finished.lastTransitionTime;
  if (at === undefined) return undefined;
  return parseTime(at) + ttl * 1000;
}

export class TtlAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller';
  private readonly queue: RateLimitingQueue<string>;
  private readonly jobs: SharedInformer<Job>;
  private readonly clock: Clock;

  constructor(private readonly ctx: ControllerContext, options: TtlAfterFinishedOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.queue = new RateLimitingQueue<string>({ clock: this.clock });
    this.jobs = ctx.informers.informerFor<Job>(JOBS);
    const enqueue = (job: Job) => {
      if (expiresAt(job) !== undefined) this.queue.add(objectKey(job));
    };
    this.jobs.addEventHandler({ onAdd: enqueue, onUpdate: (_old, job) => enqueue(job) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.jobs))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const cached = this.jobs.lister.namespace(namespace).get(name);
    if (cached === undefined || !this.expired(key, cached)) return;
    const api = this.ctx.client.resource<Job>(JOBS).namespace(namespace);
    try {
      // The TTL may have been changed since the cache saw it: decide on the live object.
      const live = await api.get(name);
      if (!this.expired(key, live)) return;
      await api.delete(name, { propagationPolicy: 'Foreground', preconditions: { uid: live.metadata?.uid, resourceVersion: live.metadata?.resourceVersion } });
      this.ctx.logger.info(`${this.name}: deleted finished Job`, { key });
    } catch (error) {
      if (isNotFound(error)) return;
      // Changed between our GET and DELETE: the update event brings it back.
      if (isConflict(error)) return;
      throw error;
    }
  }

  /** Expired now; otherwise re-queued for the expiry. */
  private expired(key: string, job: Job): boolean {
    const at = expiresAt(job);
    if (at === undefined) return false;
    const wait = at - this.clock.now();
    if (wait <= 0) return true;
    this.queue.addAfter(key, wait);
    return false;
  }
}
