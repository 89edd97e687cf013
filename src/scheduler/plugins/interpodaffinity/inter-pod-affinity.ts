// InterPodAffinity, required terms (Filter; preferred terms are scored in scoring.ts): the incoming pod's affinity terms need a
// matching pod in the node's topology domain (or, for the first pod of a group that
// matches its own terms, no matching pod anywhere); its anti-affinity terms need none
// there; and existing pods' anti-affinity terms must not select it in that domain.
// PreFilter counts matches per (topologyKey, value) once, so Filter is a lookup per node.

import type { Node, Pod } from '../../../client/index.js';
import { hinted, on, type QueueingHint } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin, SnapshotView } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podSpec } from '../../framework/types.js';
import { interPodAffinityArgs, type InterPodAffinityArgs } from './affinity-args.js';
import { affinityScoring } from './scoring.js';
import { NO_NAMESPACE_LABELS, compileTerm, termMatches, type CompiledTerm, type NamespaceLabels } from './terms.js';

export const NAME = 'InterPodAffinity';
export const AFFINITY_REASON = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";
const STATE_KEY = `PreFilter${NAME}`;

type Counts = Map<string, number>;

interface PreFilterState {
  readonly affinity: CompiledTerm[];
  readonly antiAffinity: CompiledTerm[];
  /** Domains where an existing pod's anti-affinity term selects the incoming pod. */
  readonly existingAnti: Counts;
  /** Per affinity term index: domains holding a pod the term selects. */
  readonly affinityCounts: Counts[];
  readonly antiAffinityCounts: Counts;
  /** For preemption's what-ifs, which change the counts (the terms are shared). */
  clone(): PreFilterState;
}

const pair = (key: string, value: string): string => `${key}\u0000${value}`;

/** Adds `sign` to the domain of `node` under `key`; a domain at 0 is dropped (satisfiesAffinity asks whether any is left). */
function bump(counts: Counts, node: Node | undefined, key: string, sign = 1): void {
  const value = node?.metadata?.labels?.[key];
  if (value === undefined) return;
  const at = pair(key, value);
  const next = (counts.get(at) ?? 0) + sign;
  if (next === 0) counts.delete(at);
  else counts.set(at, next);
}

function newState(affinity: CompiledTerm[], antiAffinity: CompiledTerm[], existingAnti: Counts, affinityCounts: Counts[], antiAffinityCounts: Counts): PreFilterState {
  return {
    affinity,
    antiAffinity,
    existingAnti,
    affinityCounts,
    antiAffinityCounts,
    clone() {
      return newState(affinity, antiAffinity, new Map(existingAnti), affinityCounts.map((c) => new Map(c)), new Map(antiAffinityCounts));
    },
  };
}

/** Counts `existing` on `node` for the incoming pod, in (sign 1) or out (sign −1). */
function countPod(state: PreFilterState, pod: Pod, existing: Pod, node: Node | undefined, nsLabels: NamespaceLabels, sign: 1 | -1): void {
  countExisting(state, pod, existing, true, node, nsLabels, sign);
}

/** countPod, told whether `existing` may have required anti-affinity terms (the cache knows; most pods have none). */
function countExisting(state: PreFilterState, pod: Pod, existing: Pod, mayRepel: boolean, node: Node | undefined, nsLabels: NamespaceLabels, sign: 1 | -1): void {
  const repelling = mayRepel ? (podSpec(existing).affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) : [];
  for (const t of repelling) {
    const term = compileTerm(t, existing, nsLabels);
    if (termMatches(term, pod)) bump(state.existingAnti, node, term.topologyKey, sign);
  }
  state.affinity.forEach((term, i) => termMatches(term, existing) && bump(state.affinityCounts[i]!, node, term.topologyKey, sign));
  for (const term of state.antiAffinity) if (termMatches(term, existing)) bump(state.antiAffinityCounts, node, term.topologyKey, sign);
}

function compute(pod: Pod, allNodes: readonly NodeInfo[], snapshot: SnapshotView, nsLabels: NamespaceLabels): PreFilterState {
  const spec = podSpec(pod);
  const affinity = (spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(t, pod, nsLabels));
  const antiAffinity = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(t, pod, nsLabels));
  const state = newState(affinity, antiAffinity, new Map(), affinity.map(() => new Map()), new Map());
  // Without terms of its own, only existing pods' required anti-affinity concerns the pod.
  const nodes = affinity.length > 0 || antiAffinity.length > 0 ? allNodes : snapshot.nodesWithRequiredAntiAffinity();
  for (const info of nodes) {
    for (const { pod: existing, requiredAntiAffinity } of info.pods.values()) countExisting(state, pod, existing, requiredAntiAffinity, info.node, nsLabels, 1);
  }
  return state;
}

function satisfiesAffinity(state: PreFilterState, pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  let everyTermHasPods = true;
  for (let i = 0; i < state.affinity.length; i++) {
    const term = state.affinity[i]!;
    const value = labels[term.topologyKey];
    if (value === undefined) return false;
    if ((state.affinityCounts[i]!.get(pair(term.topologyKey, value)) ?? 0) <= 0) everyTermHasPods = false;
  }
  if (everyTermHasPods) return true;
  // The first pod of a group that selects itself may go anywhere its terms' keys exist.
  const noneAnywhere = state.affinityCounts.every((c) => c.size === 0);
  return noneAnywhere && state.affinity.every((term) => termMatches(term, pod));
}

/**
 * Hint for an assigned pod's label change (upstream's isSchedulableAfterPodChange): it
 * helps when the pod now matches all the waiting pod's affinity terms and did not before,
 * or matched one of its anti-affinity terms and no longer does. (Existing pods'
 * anti-affinity looks at the waiting pod's labels, which did not change.)
 */
function labelChangeHint(namespaceLabels: NamespaceLabels): QueueingHint {
  return (pod, oldObj, newObj) => {
    const before = oldObj as Pod;
    const after = newObj as Pod;
    const affinity = podSpec(pod).affinity;
    const terms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(t, pod, namespaceLabels));
    const matchesAll = (p: Pod): boolean => terms.length > 0 && terms.every((t) => termMatches(t, p));
    if (!matchesAll(before) && matchesAll(after)) return true;
    const anti = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(t, pod, namespaceLabels));
    const matchesAny = (p: Pod): boolean => anti.some((t) => termMatches(t, p));
    return matchesAny(before) && !matchesAny(after);
  };
}

/** `namespaceLabels` resolves namespaceSelector terms (the scheduler's namespace informer). */
export function interPodAffinity(handle: Handle, args: InterPodAffinityArgs = interPodAffinityArgs(undefined), namespaceLabels: NamespaceLabels = NO_NAMESPACE_LABELS): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    ...affinityScoring(handle, args.hardPodAffinityWeight, namespaceLabels, args.ignorePreferredTermsOfExistingPods),
    name: NAME,
    events: [...on('pods', 'Add', 'Delete'), ...hinted(labelChangeHint(namespaceLabels), on('pods', 'UpdatePodLabel')), ...on('nodes', 'Add', 'UpdateNodeLabel')],
    extensions: {
      addPod(state, pod, added, node) {
        const s = state.read<PreFilterState>(STATE_KEY);
        if (s !== undefined) countPod(s, pod, added, node.node, namespaceLabels, 1);
        return Status.success();
      },
      removePod(state, pod, removed, node) {
        const s = state.read<PreFilterState>(STATE_KEY);
        if (s !== undefined) countPod(s, pod, removed, node.node, namespaceLabels, -1);
        return Status.success();
      },
    },
    preFilter(state, pod, nodes) {
      const computed = compute(pod, nodes, handle.snapshot(), namespaceLabels);
      if (computed.affinity.length === 0 && computed.antiAffinity.length === 0 && computed.existingAnti.size === 0) return { status: Status.skip() };
      state.write(STATE_KEY, computed);
      return { status: Status.success() };
    },
    filter(state, pod, info) {
      const s = state.read<PreFilterState>(STATE_KEY);
      const node = info.node;
      if (s === undefined || node === undefined) return Status.success();
      // Upstream's order, which decides the reason a node reports: affinity, the pod's
      // anti-affinity, then existing pods' anti-affinity.
      if (s.affinity.length > 0 && !satisfiesAffinity(s, pod, node)) return Status.unresolvable(AFFINITY_REASON);
      const labels = node.metadata?.labels ?? {};
      for (const term of s.antiAffinity) {
        const value = labels[term.topologyKey];
        if (value !== undefined && (s.antiAffinityCounts.get(pair(term.topologyKey, value)) ?? 0) > 0) return Status.unschedulable(ANTI_AFFINITY_REASON);
      }
      for (const [key, value] of Object.entries(labels)) {
        if ((s.existingAnti.get(pair(key, value)) ?? 0) > 0) return Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
      }
      return Status.success();
    },
  };
}
