// Workers start only after the caches they read have synced (the recipe's
// WaitForCacheSync), so that a sync never acts on a partial view of the cluster.

/** The part of an informer this needs. */
export interface Syncable {
  waitForSync(signal?: AbortSignal): Promise<boolean>;
}

/** Resolves true when every informer has synced; false if the signal aborts or one stops first. */
export async function waitForCaches(signal: AbortSignal, ...informers: Syncable[]): Promise<boolean> {
  const results = await Promise.all(informers.map((informer) => informer.waitForSync(signal)));
  return results.every(Boolean) && !signal.aborted;
}
