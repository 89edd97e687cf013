// backoffLimitPerIndex (upstream's indexed_job_utils): each index of an Indexed Job may fail
// that many times; beyond that, or on a FailIndex rule, the index is failed for good
// (status.failedIndexes) and the Job runs on with the others. A pod carries the failures of
// its index before it in an annotation, so the count survives its predecessors' deletion.

import type { Pod } from '../../client/index.js';
import { indexFailureCount, podIndex } from './pod-template.js';

/** Failures so far per index: a failed pod adds one to the count it carried. */
export function failuresPerIndex(pods: readonly Pod[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pod of pods) {
    const index = podIndex(pod);
    if (index === undefined) continue;
    const count = indexFailureCount(pod) + (pod.status?.phase === 'Failed' ? 1 : 0);
    out.set(index, Math.max(out.get(index) ?? 0, count));
  }
  return out;
}

/** Whether a pod's failure fails its index: a FailIndex rule, or failures beyond the limit. */
export function failsIndex(pod: Pod, limit: number, failIndexRule: boolean): boolean {
  return failIndexRule || indexFailureCount(pod) + 1 > limit;
}
