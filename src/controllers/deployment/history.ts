// Old ReplicaSets kept for rollback (upstream's cleanupDeployment): once a rollout is
// complete, the oldest ReplicaSets with no pods beyond spec.revisionHistoryLimit (default
// 10) are deleted.

import { isNotFound } from '../../machinery/errors.js';
import type { ResourceClient } from '../../client/index.js';
import type { ReplicaSet } from '../replicaset/types.js';

export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** Deletes the surplus of `old` (oldest first), sparing any that still has pods or is already going. */
export async function cleanupHistory(api: ResourceClient<ReplicaSet>, old: readonly ReplicaSet[], limit: number): Promise<void> {
  const idle = old.filter((rs) => (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0 && rs.metadata?.deletionTimestamp === undefined);
  const surplus = idle.length - limit;
  if (surplus <= 0) return;
  const oldest = [...idle].sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '')).slice(0, surplus);
  for (const rs of oldest) {
    try {
      await api.delete(rs.metadata?.name ?? '', { preconditions: { uid: rs.metadata?.uid } });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
