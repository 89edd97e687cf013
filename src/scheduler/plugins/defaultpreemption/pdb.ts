// PodDisruptionBudgets as preemption sees them (upstream's filterPodsWithPDBViolation):
// walking the potential victims from most to least important, each budget that selects a
// victim (same namespace, non-empty selector, the pod not already among its disrupted
// pods) spends one of its allowed disruptions; a victim that takes a budget below zero
// would violate it.

import type { Pod } from '../../../client/index.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../../machinery/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../../machinery/meta.js';
import type { GroupVersionResource } from '../../../machinery/schema.js';

export const PDBS: GroupVersionResource = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };

/** The policy/v1 PodDisruptionBudget fields preemption reads. */
export interface PodDisruptionBudget extends KubeObject {
  metadata?: ObjectMeta;
  spec?: { selector?: LabelSelectorObject };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> };
}

/** Victims split by whether evicting them (in this order) violates a budget; each keeps its order. */
export function splitByPdbViolation(pods: readonly Pod[], pdbs: readonly PodDisruptionBudget[]): { violating: Pod[]; nonViolating: Pod[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => {
    const s = p.spec?.selector;
    const empty = s === undefined || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);
    // An empty selector selects nothing here, as upstream's preemption treats it.
    return empty ? undefined : labelSelectorFromObject(s);
  });
  const violating: Pod[] = [];
  const nonViolating: Pod[] = [];
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    let violates = false;
    pdbs.forEach((pdb, i) => {
      const selector = selectors[i];
      if (pdb.metadata?.namespace !== pod.metadata?.namespace || selector === undefined || !selector.matches(labels)) return;
      if (pdb.status?.disruptedPods?.[pod.metadata?.name ?? ''] !== undefined) return;
      allowed[i]!--;
      if (allowed[i]! < 0) violates = true;
    });
    (violates ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}
