// Taints and tolerations, as the node-lifecycle and taint-eviction controllers read and
// write them (upstream's pkg/util/taints and the toleration helpers of k8s.io/api).

import type { Node, Pod } from '../../client/index.js';
import { toleratesTaint, type Taint, type Toleration } from '../../api/scheduling/tolerations.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export type { Taint, Toleration } from '../../api/scheduling/tolerations.js';

export function taintsOf(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []) as Taint[];
}

export function tolerationsOf(pod: Pod): Toleration[] {
  return (pod.spec?.tolerations ?? []) as Toleration[];
}

/** Same key and effect: the identity of a taint on a node (upstream's MatchTaint). */
export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** Whether `toleration` tolerates `taint` (the shared rule of src/api/scheduling). */
export const tolerates = toleratesTaint;

/**
 * `taints` with `add` put in (replacing a taint of the same key and effect) and every
 * taint matching one of `remove` taken out; undefined when nothing would change.
 */
export function editTaints(taints: readonly Taint[], add: readonly Taint[], remove: readonly Taint[]): Taint[] | undefined {
  const kept = taints.filter((t) => !remove.some((r) => sameTaint(r, t)) && !add.some((a) => sameTaint(a, t)));
  const unchanged = kept.length + add.filter((a) => taints.some((t) => sameTaint(a, t) && (t.value ?? '') === (a.value ?? ''))).length === taints.length;
  const missing = add.filter((a) => !taints.some((t) => sameTaint(a, t) && (t.value ?? '') === (a.value ?? '')));
  if (unchanged && missing.length === 0) return undefined;
  return [...kept, ...add.map((a) => taints.find((t) => sameTaint(a, t) && (t.value ?? '') === (a.value ?? '')) ?? a)];
}
