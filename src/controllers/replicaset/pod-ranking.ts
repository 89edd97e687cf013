// Which pods a scale-down removes first (upstream's ActivePodsWithRanks, with the
// PodDeletionCost and LogarithmicScaleDown features on, as by default). Earlier in the
// order means deleted sooner:
//   1. not yet scheduled            2. Pending < Unknown < Running     3. not ready
//   4. lower pod-deletion-cost      5. more pods of the set on its node
//   6. ready more recently          7. more container restarts         8. created more recently
// Times 6 and 8 compare on a log2 scale of their age, so pods of similar age tie and the
// later criteria (and finally randomness of the input order) spread deletions across nodes.

import { parseTime } from '../../machinery/time.js';
import type { Pod } from '../../client/index.js';
import { isPodReady, readySince } from '../base/pods.js';

export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const value = pod.metadata?.annotations?.[DELETION_COST_ANNOTATION];
  const cost = value === undefined ? 0 : Number.parseInt(value, 10);
  return Number.isFinite(cost) ? cost : 0;
}

function maxRestarts(pod: Pod): number {
  const statuses = (pod.status?.containerStatuses ?? []) as { restartCount?: number }[];
  return statuses.reduce((max, s) => Math.max(max, s.restartCount ?? 0), 0);
}

/** The log2 bucket of an age in nanoseconds (-1 for a time not in the past), as upstream. */
function logBucket(timeMs: number, nowMs: number): number {
  const ns = (nowMs - timeMs) * 1e6;
  return ns <= 0 ? -1 : Math.floor(Math.log2(ns));
}

/** Negative when `a` should be deleted before `b`. */
function compare(a: Pod, b: Pod, rankOf: (pod: Pod) => number, now: number): number {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  const phase = (PHASE_ORDER[a.status?.phase ?? ''] ?? 0) - (PHASE_ORDER[b.status?.phase ?? ''] ?? 0);
  if (phase !== 0) return phase;
  const readyA = isPodReady(a);
  if (readyA !== isPodReady(b)) return readyA ? 1 : -1;
  const cost = deletionCost(a) - deletionCost(b);
  if (cost !== 0) return cost;
  const rank = rankOf(b) - rankOf(a);
  if (rank !== 0) return rank;
  if (readyA) {
    const since = logBucket(readySince(a) ?? now, now) - logBucket(readySince(b) ?? now, now);
    if (since !== 0) return since;
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  const created = (p: Pod) => (p.metadata?.creationTimestamp === undefined ? now : parseTime(p.metadata.creationTimestamp));
  return logBucket(created(a), now) - logBucket(created(b), now);
}

/**
 * The `count` pods of `pods` to delete first. `related` are the pods counted for "more pods
 * on its node" (the set's own pods, or those of every set of the same owner).
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const pod of related) {
    const node = pod.spec?.nodeName ?? '';
    if (node !== '') perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rankOf = (pod: Pod) => perNode.get(pod.spec?.nodeName ?? '') ?? 0;
  return [...pods].sort((a, b) => compare(a, b, rankOf, now)).slice(0, count);
}
