// The controller's writes to nodes and pods, each a read-modify-write on the live object
// retried on conflicts (upstream's AddOrUpdateTaintOnNode / RemoveTaintOffNode and
// MarkPodsNotReady).

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { formatTime } from '../../machinery/time.js';
import type { Client, Pod } from '../../client/index.js';
import { editTaints, taintsOf, type Taint } from '../base/taints.js';

const CONFLICT_RETRIES = 5;

/** Puts `add` on the node and takes `remove` off; false when the node is gone. */
export async function swapNodeTaints(client: Client, name: string, add: readonly Taint[], remove: readonly Taint[], now: number): Promise<boolean> {
  const stamped = add.map((t) => (t.effect === 'NoExecute' && t.timeAdded === undefined ? { ...t, timeAdded: formatTime(now) } : t));
  for (let attempt = 0; ; attempt++) {
    try {
      const node = await client.nodes().get(name);
      const taints = editTaints(taintsOf(node), stamped, remove);
      if (taints === undefined) return true;
      await client.nodes().update({ ...node, spec: { ...node.spec, taints } });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      if (!isConflict(error) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

/** Sets the Ready condition of a pod to False (upstream marks the pods of an unready node not ready). */
export async function markPodNotReady(client: Client, pod: Pod, now: number): Promise<void> {
  const conditions = pod.status?.conditions ?? [];
  if (!conditions.some((c) => c.type === 'Ready' && c.status !== 'False')) return;
  const stamp = formatTime(now);
  const updated = conditions.map((c) => (c.type === 'Ready' && c.status !== 'False' ? { ...c, status: 'False', lastTransitionTime: stamp } : c));
  try {
    await client.pods(pod.metadata?.namespace ?? '').updateStatus({ ...pod, status: { ...pod.status, conditions: updated } });
  } catch (error) {
    // A newer pod (or none) is on its way through the informer; the next pass looks again.
    if (!isConflict(error) && !isNotFound(error)) throw error;
  }
}
