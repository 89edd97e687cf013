// The DisruptionTarget pod condition, which controllers that delete pods on their own
// initiative (taint eviction, pod GC) set before deleting, so that the pod's owner (a
// Job's podFailurePolicy, say) can tell a disruption from a failure of the workload.

import { isNotFound } from '../../machinery/errors.js';
import { formatTime } from '../../machinery/time.js';
import type { Client, Pod, PodCondition } from '../../client/index.js';

export const DISRUPTION_TARGET = 'DisruptionTarget';

export interface Disruption {
  /** The DisruptionTarget condition's reason and message; none: the condition is not set. */
  readonly condition?: { readonly reason: string; readonly message: string };
  /** Also move a pod that has not finished to phase Failed (pod GC does; the pod will never run again). */
  readonly failPod?: boolean;
}

/** The pod's status with the DisruptionTarget condition and phase the disruption asks for. */
export function withDisruptionTarget(pod: Pod, disruption: Disruption, now: number): NonNullable<Pod['status']> {
  const current = pod.status?.conditions ?? [];
  const added: PodCondition[] = disruption.condition === undefined ? [] : [{ type: DISRUPTION_TARGET, status: 'True', ...disruption.condition, lastTransitionTime: formatTime(now) }];
  const conditions = added.length === 0 ? current : [...current.filter((c) => c.type !== DISRUPTION_TARGET), ...added];
  const phase = pod.status?.phase;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  return { ...pod.status, conditions, ...(disruption.failPod === true && !finished ? { phase: 'Failed' } : {}) };
}

/**
 * Writes the disruption's condition and phase on the live pod (a fresh GET, so that no
 * cached copy is written back; skipped when nothing changes), then deletes the pod with a
 * uid precondition.
 * Returns false when the pod was already gone (or replaced by another of the same name).
 */
export async function disruptAndDelete(client: Client, pod: Pod, disruption: Disruption, now: number, gracePeriodSeconds?: number): Promise<boolean> {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const uid = pod.metadata?.uid;
  try {
    const live = await client.pods(namespace).get(name);
    if (uid !== undefined && live.metadata?.uid !== uid) return false;
    const status = withDisruptionTarget(live, disruption, now);
    if (JSON.stringify(status) !== JSON.stringify(live.status)) await client.pods(namespace).updateStatus({ ...live, status });
    await client.pods(namespace).delete(name, { ...(uid !== undefined ? { preconditions: { uid } } : {}), ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
