// Which cluster events an informer change is (upstream's eventhandlers.go): a Node update
// becomes the finer actions for what changed — labels, taints (and spec.unschedulable),
// allocatable, conditions — and none at all when only heartbeat-like fields changed.

import type { Node } from '../client/index.js';
import type { ClusterEvent } from './framework/cluster-event.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

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
