// A Deployment's status from its ReplicaSets (upstream's calculateStatus and
// syncRolloutStatus): counts summed over the ReplicaSets, the Available condition from
// maxUnavailable, and the Progressing condition from where the rollout stands.

import { canonicalJson } from '../base/canonical-json.js';
import type { ReplicaSet } from '../replicaset/types.js';
import type { Deployment, DeploymentCondition, DeploymentStatus } from './types.js';

const sum = (sets: readonly ReplicaSet[], pick: (rs: ReplicaSet) => number | undefined) => sets.reduce((n, rs) => n + (pick(rs) ?? 0), 0);

/** The Progressing condition a step of the rollout asks for; undefined keeps what is there. */
export interface ProgressingHint {
  readonly reason: string;
  readonly message: string;
  readonly status?: 'True' | 'False' | 'Unknown';
}

/** Whether every desired pod is updated and available and nothing old is left (upstream's DeploymentComplete). */
export function rolloutComplete(d: Deployment, status: DeploymentStatus): boolean {
  const desired = d.spec?.replicas ?? 1;
  return (status.updatedReplicas ?? 0) === desired && (status.replicas ?? 0) === desired && (status.availableReplicas ?? 0) === desired && (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

export function calculateStatus(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined, maxUnavailable: number, hint: ProgressingHint | undefined, now: string): DeploymentStatus {
  const desired = d.spec?.replicas ?? 1;
  const available = sum(all, (rs) => rs.status?.availableReplicas);
  const counts: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: sum(all, (rs) => rs.status?.replicas),
    updatedReplicas: newRS === undefined ? 0 : (newRS.status?.replicas ?? 0),
    readyReplicas: sum(all, (rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sum(all, (rs) => rs.spec?.replicas) - available),
  };
  let conditions = d.status?.conditions ?? [];
  conditions =
    available >= desired - maxUnavailable
      ? setCondition(conditions, { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }, now)
      : setCondition(conditions, { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, now);
  const progressing = progressingCondition(d, counts, newRS, hint, Date.parse(now));
  if (progressing !== undefined) conditions = setCondition(conditions, progressing.condition, now, progressing.touch);
  const status: DeploymentStatus = {};
  // Counts are omitempty upstream.
  for (const [k, v] of Object.entries(counts) as [keyof DeploymentStatus, number | undefined][]) if (v) (status as Record<string, unknown>)[k] = v;
  if (conditions.length > 0) status.conditions = conditions;
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return status;
}

/** Upstream's default spec.progressDeadlineSeconds. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** More pods updated, ready or available, or fewer old ones (upstream's DeploymentProgressing). */
function madeProgress(before: DeploymentStatus | undefined, after: DeploymentStatus): boolean {
  const n = (s: DeploymentStatus | undefined, k: keyof DeploymentStatus) => (s?.[k] as number | undefined) ?? 0;
  const oldPods = (s: DeploymentStatus | undefined) => n(s, 'replicas') - n(s, 'updatedReplicas');
  return n(after, 'updatedReplicas') > n(before, 'updatedReplicas') || n(after, 'readyReplicas') > n(before, 'readyReplicas') || n(after, 'availableReplicas') > n(before, 'availableReplicas') || oldPods(before) > oldPods(after);
}

/** When the rollout times out (ms), or undefined when it cannot (complete, paused, no condition). */
export function progressDeadline(d: Deployment, status: DeploymentStatus): number | undefined {
  const condition = status.conditions?.find((c) => c.type === 'Progressing');
  if (d.spec?.paused === true || condition === undefined || condition.reason === 'NewReplicaSetAvailable' || condition.reason === 'ProgressDeadlineExceeded') return undefined;
  if (condition.lastUpdateTime === undefined) return undefined;
  return Date.parse(condition.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS) * 1000;
}

interface ProgressingUpdate {
  readonly condition: DeploymentCondition;
  /** Refresh lastUpdateTime even if nothing else changed: progress restarts the deadline. */
  readonly touch: boolean;
}

function progressingCondition(d: Deployment, counts: DeploymentStatus, newRS: ReplicaSet | undefined, hint: ProgressingHint | undefined, nowMs: number): ProgressingUpdate | undefined {
  if (hint !== undefined) return { condition: { type: 'Progressing', status: hint.status ?? 'True', reason: hint.reason, message: hint.message }, touch: false };
  if (newRS === undefined || d.spec?.paused === true) return undefined;
  const name = newRS.metadata?.name ?? '';
  if (rolloutComplete(d, counts)) return { condition: { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` }, touch: false };
  const current = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (current === undefined || madeProgress(d.status, counts)) {
    return { condition: { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` }, touch: true };
  }
  const deadline = progressDeadline(d, d.status ?? {});
  if (current.reason === 'ProgressDeadlineExceeded' || (deadline !== undefined && nowMs > deadline)) {
    return { condition: { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` }, touch: false };
  }
  return undefined;
}

/** Sets a condition: lastUpdateTime moves when anything changes, lastTransitionTime only with the status. */
export function setCondition(conditions: readonly DeploymentCondition[], next: DeploymentCondition, now: string, touch = false): DeploymentCondition[] {
  const old = conditions.find((c) => c.type === next.type);
  if (!touch && old !== undefined && old.status === next.status && old.reason === next.reason && old.message === next.message) return [...conditions];
  const merged: DeploymentCondition = {
    ...next,
    lastUpdateTime: now,
    lastTransitionTime: old !== undefined && old.status === next.status ? old.lastTransitionTime : now,
  };
  return [...conditions.filter((c) => c.type !== next.type), merged];
}

export function statusChanged(current: DeploymentStatus | undefined, next: DeploymentStatus): boolean {
  return canonicalJson(current ?? {}) !== canonicalJson(next);
}
