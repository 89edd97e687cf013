// Which pods the pod garbage collector removes, as pure decisions over a snapshot of pods
// and nodes (upstream's gcTerminated, gcOrphaned, gcUnscheduledTerminating and
// gcTerminating in pkg/controller/podgc).

import { parseTime } from '../../machinery/time.js';
import type { Node, Pod } from '../../client/index.js';
import { taintsOf } from '../base/taints.js';

export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

export function isTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The oldest finished pods beyond `threshold` (none when threshold ≤ 0), oldest first. */
export function terminatedOverThreshold(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isTerminated);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  const created = (p: Pod) => parseTime(p.metadata?.creationTimestamp ?? '1970-01-01T00:00:00Z');
  return [...terminated].sort((a, b) => created(a) - created(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')).slice(0, excess);
}

/** Names of nodes that pods are bound to but the node cache does not hold. */
export function missingNodes(pods: readonly Pod[], nodeExists: (name: string) => boolean): Set<string> {
  const missing = new Set<string>();
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (nodeName !== undefined && nodeName !== '' && !nodeExists(nodeName)) missing.add(nodeName);
  }
  return missing;
}

/** Terminating pods never bound to a node: no kubelet will ever finish their deletion. */
export function unscheduledTerminating(pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => p.metadata?.deletionTimestamp !== undefined && (p.spec?.nodeName ?? '') === '');
}

/** Terminating pods on a node that is not Ready and tainted out-of-service (its kubelet is gone for good). */
export function terminatingOutOfService(pods: readonly Pod[], node: (name: string) => Node | undefined): Pod[] {
  return pods.filter((p) => {
    const nodeName = p.spec?.nodeName;
    if (p.metadata?.deletionTimestamp === undefined || nodeName === undefined || nodeName === '') return false;
    const n = node(nodeName);
    if (n === undefined) return false;
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    return ready !== 'True' && taintsOf(n).some((t) => t.key === TAINT_OUT_OF_SERVICE && t.effect === 'NoExecute');
  });
}
