// Creating many pods without flooding the API server with doomed requests (upstream's
// slowStartBatch): batches of 1, 2, 4, … run in parallel; the first batch with a failure
// ends the run, so a quota or admission error costs one request, not five hundred.

export interface BatchResult {
  readonly successes: number;
  /** Calls made; count - attempted were never made. */
  readonly attempted: number;
  readonly error?: unknown;
}

/** Calls `fn` up to `count` times in doubling batches from `initial`, stopping after a batch with a failure. */
export async function slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<BatchResult> {
  let remaining = count;
  let successes = 0;
  let attempted = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    attempted += batch;
    const results = await Promise.allSettled(Array.from({ length: batch }, fn));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed !== undefined) return { successes, attempted, error: failed.reason };
    remaining -= batch;
  }
  return { successes, attempted };
}
