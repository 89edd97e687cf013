// A ReplicaSet's (or ReplicationController's) status from its pods (upstream's calculateStatus): counts of the active
// pods it owns, those carrying every template label, ready, and available for
// minReadySeconds; the ReplicaFailure condition while creating or deleting pods fails.

import { canonicalJson } from '../base/canonical-json.js';
import { formatTime } from '../../machinery/time.js';
import type { Pod } from '../../client/index.js';
import { isPodReady, readySince } from '../base/pods.js';
import type { ReplicatedObject, ReplicaSetCondition, ReplicaSetStatus } from './types.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

/** What went wrong while managing replicas, for the ReplicaFailure condition. */
export interface ManageFailure {
  /** `FailedCreate` or `FailedDelete`. */
  readonly reason: string;
  readonly message: string;
}

/** The counts of a status, and when the next ready pod turns available (minReadySeconds > 0). */
export interface PodCounts {
  readonly replicas: number;
  readonly fullyLabeled: number;
  readonly ready: number;
  readonly available: number;
  /** ms; undefined when no ready pod is waiting out minReadySeconds. */
  readonly nextAvailableAt?: number;
}

/** One pass over the pods: a sync of thousands of pods runs this on every batch of pod events. */
export function countPods(rs: ReplicatedObject, pods: readonly Pod[], now: number): PodCounts {
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
  const minReadyMs = (rs.spec?.minReadySeconds ?? 0) * 1000;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailableAt: number | undefined;
  for (const pod of pods) {
    const labels = pod.metadata?.labels;
    if (templateLabels.every(([k, v]) => labels?.[k] === v)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    const availableAt = minReadyMs === 0 ? now : (readySince(pod) ?? Infinity) + minReadyMs;
    if (availableAt <= now) available++;
    else if (availableAt !== Infinity && (nextAvailableAt === undefined || availableAt < nextAvailableAt)) nextAvailableAt = availableAt;
  }
  return { replicas: pods.length, fullyLabeled, ready, available, nextAvailableAt };
}

export function calculateStatus(rs: ReplicatedObject, counts: PodCounts, failure: ManageFailure | undefined, now: number): ReplicaSetStatus {
  // Counts are omitempty upstream: a zero is left out, as the Go client would write it.
  const status: ReplicaSetStatus = withoutZeros({
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    observedGeneration: rs.metadata?.generation,
  });
  const conditions = failureConditions(rs.status?.conditions ?? [], failure, now);
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

function withoutZeros(status: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: status.replicas };
  if (status.fullyLabeledReplicas) out.fullyLabeledReplicas = status.fullyLabeledReplicas;
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.availableReplicas) out.availableReplicas = status.availableReplicas;
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  return out;
}

function failureConditions(previous: readonly ReplicaSetCondition[], failure: ManageFailure | undefined, now: number): ReplicaSetCondition[] {
  const others = previous.filter((c) => c.type !== REPLICA_FAILURE);
  if (failure === undefined) return others;
  const old = previous.find((c) => c.type === REPLICA_FAILURE && c.status === 'True');
  // Upstream keeps an existing ReplicaFailure as it is rather than rewriting its message each sync.
  if (old !== undefined) return [...others, old];
  return [...others, { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: formatTime(now), reason: failure.reason, message: failure.message }];
}

/** Whether writing `next` would change what the server has. */
export function statusChanged(current: ReplicaSetStatus | undefined, next: ReplicaSetStatus): boolean {
  const norm = (s: ReplicaSetStatus | undefined) =>
    canonicalJson([s?.replicas ?? 0, s?.fullyLabeledReplicas ?? 0, s?.readyReplicas ?? 0, s?.availableReplicas ?? 0, s?.observedGeneration, s?.conditions ?? []]);
  return norm(current) !== norm(next);
}
