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

/** What the ranking compares, read once per pod: a sort of thousands compares each many times. */
interface RankKey {
  readonly pod: Pod;
  readonly unscheduled: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly podsOnNode: number;
  /** log2 bucket of the time since it became ready (ready pods only). */
  readonly readyBucket: number;
  readonly restarts: number;
  readonly createdBucket: number;
}

function rankKey(pod: Pod, perNode: ReadonlyMap<string, number>, now: number): RankKey {
  const node = pod.spec?.nodeName ?? '';
  const ready = isPodReady(pod);
  const created = pod.metadata?.creationTimestamp === undefined ? now : parseTime(pod.metadata.creationTimestamp);
  return {
    pod,
    unscheduled: node === '',
    phase: PHASE_ORDER[pod.status?.phase ?? ''] ?? 0,
    ready,
    cost: deletionCost(pod),
    podsOnNode: perNode.get(node) ?? 0,
    readyBucket: ready ? logBucket(readySince(pod) ?? now, now) : 0,
    restarts: maxRestarts(pod),
    createdBucket: logBucket(created, now),
  };
}

/** Negative when `a` should be deleted before `b`. */
function compare(a: RankKey, b: RankKey): number {
  if (a.unscheduled !== b.unscheduled) return a.unscheduled ? -1 : 1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.podsOnNode !== b.podsOnNode) return b.podsOnNode - a.podsOnNode;
  if (a.ready && a.readyBucket !== b.readyBucket) return a.readyBucket - b.readyBucket;
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  return a.createdBucket - b.createdBucket;
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
  return pods
    .map((pod) => rankKey(pod, perNode, now))
    .sort(compare)
    .slice(0, count)
    .map((key) => key.pod);
}
