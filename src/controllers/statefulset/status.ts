// A StatefulSet's status from its pods (upstream's computeReplicaStatus and
// completeRollingUpdate): counts of created, ready, available, current and updated pods;
// a rolling update whose every pod is updated and ready makes the update revision current.

import { canonicalJson } from '../base/canonical-json.js';
import { isPodAvailable, isPodReady } from '../base/pods.js';
import type { Pod } from '../../client/index.js';
import { revisionOf } from './identity.js';
import type { StatefulSet, StatefulSetStatus } from './types.js';

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export interface Revisions {
  readonly current: string;
  readonly update: string;
  readonly collisionCount: number;
}

export function computeStatus(set: StatefulSet, pods: readonly Pod[], revisions: Revisions, now: number): StatefulSetStatus {
  const live = pods.filter((p) => p.metadata?.deletionTimestamp === undefined);
  const minReady = set.spec?.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    replicas: pods.length,
    readyReplicas: pods.filter(isRunningAndReady).length,
    availableReplicas: pods.filter((p) => isRunningAndReady(p) && isPodAvailable(p, minReady, now)).length,
    currentReplicas: live.filter((p) => revisionOf(p) === revisions.current).length,
    updatedReplicas: live.filter((p) => revisionOf(p) === revisions.update).length,
    currentRevision: revisions.current,
    updateRevision: revisions.update,
    observedGeneration: set.metadata?.generation,
    collisionCount: revisions.collisionCount,
  };
  if (set.status?.conditions !== undefined) status.conditions = set.status.conditions;
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentRevision = status.updateRevision;
    status.currentReplicas = status.updatedReplicas;
  }
  return status;
}

export function statusChanged(current: StatefulSetStatus | undefined, next: StatefulSetStatus): boolean {
  const norm = (s: StatefulSetStatus | undefined) =>
    canonicalJson([
      s?.replicas ?? 0,
      s?.readyReplicas ?? 0,
      s?.availableReplicas ?? 0,
      s?.currentReplicas ?? 0,
      s?.updatedReplicas ?? 0,
      s?.currentRevision,
      s?.updateRevision,
      s?.observedGeneration,
      s?.collisionCount ?? 0,
    ]);
  return norm(current) !== norm(next);
}
