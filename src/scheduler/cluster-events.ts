// Which cluster events an informer change is (upstream's eventhandlers.go): a Node update
// becomes the finer actions for what changed — labels, taints (and spec.unschedulable),
// allocatable, conditions — and none at all when only heartbeat-like fields changed; an
// assigned pod's update is an event only when its labels changed (upstream's
// AssignedPodUpdate with UpdatePodLabel), since status writes are most of its updates.

import type { Node, Pod } from '../client/index.js';
import type { ClusterEvent } from './framework/cluster-event.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const ASSIGNED_POD_LABEL_UPDATE: ClusterEvent = { resource: 'pods', action: 'UpdatePodLabel' };

/** Whether an assigned pod's update changed its labels (cheaper than serializing them: this runs on every status write). */
export function podLabelsChanged(old: Pod, pod: Pod): boolean {
  const a = old.metadata?.labels ?? {};
  const b = pod.metadata?.labels ?? {};
  if (a === b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return true;
  return keys.some((k) => a[k] !== b[k]);
}

export function nodeUpdateEvents(old: Node, node: Node): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  const push = (action: ClusterEvent['action']): void => void events.push({ resource: 'nodes', action });
  if (!same(old.metadata?.labels, node.metadata?.labels)) push('UpdateNodeLabel');
  const oldSpec = old.spec as { taints?: unknown; unschedulable?: unknown } | undefined;
  const newSpec = node.spec as { taints?: unknown; unschedulable?: unknown } | undefined;
  if (!same(oldSpec?.taints, newSpec?.taints) || (oldSpec?.unschedulable ?? false) !== (newSpec?.unschedulable ?? false)) push('UpdateNodeTaint');
  if (!same(old.status?.allocatable, node.status?.allocatable)) push('UpdateNodeAllocatable');
  const conditions = (n: Node) => ((n.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? []).map((c) => `${c.type}=${c.status}`);
  if (!same(conditions(old), conditions(node))) push('UpdateNodeCondition');
  return events;
}
