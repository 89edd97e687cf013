// The worker half of the sample-controller recipe: N workers take keys from a rate-limited
// queue and call an idempotent sync(key). Success forgets the key's failure history; a
// failure re-queues the key with rate limiting. The queue guarantees a key is never held
// by two workers at once, so sync(key) never races itself.

import type { Logger, RateLimitingQueue } from '../../client/index.js';

export type SyncFunc = (key: string) => Promise<void>;

/**
 * Runs `workers` loops over `queue` until `signal` aborts; then shuts the queue down and
 * resolves when every worker has finished its current key.
 */
export async function runWorkers(name: string, queue: RateLimitingQueue<string>, sync: SyncFunc, workers: number, signal: AbortSignal, logger: Logger): Promise<void> {
  const onAbort = () => queue.shutDown();
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const loops = Array.from({ length: Math.max(1, workers) }, () => workerLoop(name, queue, sync, logger));
  await Promise.all(loops);
}

async function workerLoop(name: string, queue: RateLimitingQueue<string>, sync: SyncFunc, logger: Logger): Promise<void> {
  for (;;) {
    const key = await queue.get();
    if (key === undefined) return;
    try {
      await sync(key);
      queue.forget(key);
    } catch (error) {
      if (!queue.shuttingDown()) {
        logger.warn(`${name}: sync failed, requeuing`, { key, error });
        queue.addRateLimited(key);
      }
    } finally {
      queue.done(key);
    }
  }
}
