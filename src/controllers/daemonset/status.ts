// A DaemonSet's status numbers (upstream's updateDaemonSetStatus): per node that should run
// the pod, whether it has one, and whether the oldest is ready, available and updated;
// pods on nodes that should not run one are misscheduled.

import { canonicalJson } from '../base/canonical-json.js';
import { isPodAvailable, isPodReady } from '../base/pods.js';
import { TEMPLATE_GENERATION_LABEL, type DaemonSet, type DaemonSetStatus } from './types.js';
import { isNew, type NodeDaemonPods } from './plan.js';

export function computeStatus(ds: DaemonSet, nodes: readonly NodeDaemonPods[], hash: string, collisionCount: number, now: number): DaemonSetStatus {
  const status: DaemonSetStatus = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0 };
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const generation = String(ds.metadata?.generation ?? '');
  for (const node of nodes) {
    const pods = node.pods.filter((p) => p.metadata?.deletionTimestamp === undefined);
    const oldest = pods[0];
    if (!node.placement.shouldRun) {
      if (oldest !== undefined) status.numberMisscheduled++;
      continue;
    }
    status.desiredNumberScheduled++;
    if (oldest === undefined) continue;
    status.currentNumberScheduled++;
    if (isPodReady(oldest)) status.numberReady++;
    if (isPodAvailable(oldest, minReady, now)) status.numberAvailable = (status.numberAvailable ?? 0) + 1;
    if (isNew(oldest, hash) || oldest.metadata?.labels?.[TEMPLATE_GENERATION_LABEL] === generation) status.updatedNumberScheduled = (status.updatedNumberScheduled ?? 0) + 1;
  }
  status.numberUnavailable = status.desiredNumberScheduled - (status.numberAvailable ?? 0);
  status.observedGeneration = ds.metadata?.generation;
  if (collisionCount > 0) status.collisionCount = collisionCount;
  if (ds.status?.conditions !== undefined) status.conditions = ds.status.conditions;
  return status;
}

export function statusChanged(current: DaemonSetStatus | undefined, next: DaemonSetStatus): boolean {
  const norm = (s: DaemonSetStatus | undefined) =>
    canonicalJson([
      s?.currentNumberScheduled ?? 0,
      s?.numberMisscheduled ?? 0,
      s?.desiredNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      s?.numberUnavailable ?? 0,
      s?.observedGeneration,
      s?.collisionCount ?? 0,
    ]);
  return norm(current) !== norm(next);
}
