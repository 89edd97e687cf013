// PodTopologySpread, hard constraints (whenUnsatisfiable: DoNotSchedule) as a Filter: in
// each constraint's topology, placing the pod must not make its domain exceed the least
// populated domain by more than maxSkew. Pods counted are those in the pod's namespace the
// selector (plus matchLabelKeys) selects, not terminating, on nodes that have every
// constraint's key and pass that constraint's nodeAffinityPolicy (default Honor) and
// nodeTaintsPolicy (default Ignore) — each constraint by its own policies, so one node may
// count for one constraint and not another. Fewer domains than minDomains make the global
// minimum 0. Pods without constraints get the profile's defaults (defaults.ts).

import type { Node, Pod } from '../../../client/index.js';
import { labelSelectorFromObject, Requirement, type LabelSelector } from '../../../machinery/label-selector.js';
import { hinted, on, type QueueingHint } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { nodeSpec, podSpec, type TopologySpreadConstraint } from '../../framework/types.js';
import { NO_DEFAULTS, type SpreadDefaults } from './defaults.js';
import { matchesAnyTerm } from '../nodeaffinity/node-selector.js';
import { firstUntolerated } from '../tainttoleration/tolerations.js';
import { spreadScoring } from './scoring.js';

export const NAME = 'PodTopologySpread';
export const REASON = "node(s) didn't match pod topology spread constraints";
export const MISSING_LABEL_REASON = "node(s) didn't match pod topology spread constraints (missing required label)";
const STATE_KEY = `PreFilter${NAME}`;

export interface Constraint {
  readonly raw: TopologySpreadConstraint;
  readonly selector: LabelSelector;
  /** 1 when the incoming pod itself matches the selector. */
  readonly selfMatch: number;
  /** Names what `matchingPods` counts (namespace and selector), to remember it per node. */
  readonly countKey: string;
}

interface State {
  readonly constraints: Constraint[];
  /** Per constraint: pods counted per domain value. */
  readonly counts: Map<string, number>[];
  /** Per constraint: the minimum over domains (0 below minDomains). */
  readonly minimums: number[];
}

export function compile(pod: Pod, c: TopologySpreadConstraint): Constraint {
  let selector = labelSelectorFromObject(c.labelSelector);
  const labels = pod.metadata?.labels ?? {};
  for (const key of c.matchLabelKeys ?? []) {
    const value = labels[key];
    if (value !== undefined) selector = selector.add(Requirement.create(key, 'in', [value]));
  }
  const selects = selector.isNothing() ? '<nothing>' : selector.toString();
  const countKey = `PodTopologySpread\u0000${pod.metadata?.namespace ?? 'default'}\u0000${selects}`;
  return { raw: c, selector, selfMatch: selector.matches(labels) ? 1 : 0, countKey };
}

/** Whether `node` has every constraint's topology key. */
export function hasAllKeys(node: Node, constraints: readonly Constraint[]): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const c of constraints) if (labels[c.raw.topologyKey] === undefined) return false;
  return true;
}

/** Whether constraint `i` counts the pods of `node` (upstream's matchNodeInclusionPolicies). */
export type Inclusion = (node: Node, i: number) => boolean;

const EVERY_NODE: Inclusion = () => true;

/**
 * Per node and constraint, upstream's matchNodeInclusionPolicies: with nodeAffinityPolicy
 * Honor the node must pass the pod's nodeSelector and required node affinity, with
 * nodeTaintsPolicy Honor the pod must tolerate its NoSchedule and NoExecute taints. What
 * depends only on the pod is worked out once (PreFilter and PreScore ask of every node),
 * and a node's two verdicts once for all its constraints.
 */
export function inclusion(pod: Pod, constraints: readonly Constraint[]): Inclusion {
  const spec = podSpec(pod);
  const honorAffinity = constraints.map((c) => (c.raw.nodeAffinityPolicy ?? 'Honor') === 'Honor');
  const honorTaints = constraints.map((c) => c.raw.nodeTaintsPolicy === 'Honor');
  const selector = Object.entries(spec.nodeSelector ?? {});
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const tolerations = spec.tolerations ?? [];
  // The common case (default policies, no node affinity of its own): every node counts.
  const affinityMatters = honorAffinity.includes(true) && (selector.length > 0 || required !== undefined);
  if (!affinityMatters && !honorTaints.includes(true)) return EVERY_NODE;
  const affinityMatches = (node: Node): boolean => {
    const labels = node.metadata?.labels ?? {};
    for (const [k, v] of selector) if (labels[k] !== v) return false;
    return required === undefined || matchesAnyTerm(required.nodeSelectorTerms ?? [], node);
  };
  let last: Node | undefined;
  let affinityOk: boolean | undefined;
  let taintsOk: boolean | undefined;
  return (node, i) => {
    if (node !== last) {
      last = node;
      affinityOk = taintsOk = undefined;
    }
    if (honorAffinity[i] === true && !(affinityOk ??= affinityMatches(node))) return false;
    if (honorTaints[i] === true && !(taintsOk ??= firstUntolerated(nodeSpec(node).taints ?? [], tolerations, ['NoSchedule', 'NoExecute']) === undefined)) return false;
    return true;
  };
}

/**
 * Pods on `info` that `c` counts for `pod`: same namespace, selected, not terminating.
 * Every cycle asks this of every node, and between two cycles of one workload only the node
 * that took the last pod changed: the count is remembered per node.
 */
export function matchingPods(pod: Pod, info: NodeInfo, c: Constraint): number {
  if (info.pods.size === 0) return 0;
  return info.derived(c.countKey, () => {
    let n = 0;
    for (const { pod: p } of info.pods.values()) if (counts(pod, p, c)) n++;
    return n;
  });
}

/** Whether `c` counts `other` for `pod`: same namespace, selected, not terminating. */
function counts(pod: Pod, other: Pod, c: Constraint): boolean {
  const ns = pod.metadata?.namespace ?? 'default';
  return other.metadata?.deletionTimestamp === undefined && (other.metadata?.namespace ?? 'default') === ns && c.selector.matches(other.metadata?.labels ?? {});
}

function compute(pod: Pod, nodes: readonly NodeInfo[], constraints: Constraint[]): State {
  const counts = constraints.map(() => new Map<string, number>());
  const included = inclusion(pod, constraints);
  for (const info of nodes) {
    if (info.node === undefined || !hasAllKeys(info.node, constraints)) continue;
    const labels = info.node.metadata?.labels ?? {};
    for (let i = 0; i < constraints.length; i++) {
      if (!included(info.node, i)) continue;
      const c = constraints[i]!;
      const domain = labels[c.raw.topologyKey]!;
      counts[i]!.set(domain, (counts[i]!.get(domain) ?? 0) + matchingPods(pod, info, c));
    }
  }
  return withMinimums(constraints, counts);
}

function withMinimums(constraints: Constraint[], counts: Map<string, number>[]): State {
  const minimums = constraints.map((c, i) => {
    const domains = counts[i]!;
    if (domains.size < (c.raw.minDomains ?? 1)) return 0;
    return domains.size === 0 ? 0 : Math.min(...domains.values());
  });
  return { constraints, counts, minimums };
}

/**
 * The state with `changed` joined (sign 1) to or gone (−1) from `node`, for preemption's
 * what-ifs: a new state, so the cycle's own is untouched.
 */
function recount(state: State, pod: Pod, changed: Pod, node: NodeInfo, sign: 1 | -1): State {
  const n = node.node;
  if (n === undefined || !hasAllKeys(n, state.constraints)) return state;
  const labels = n.metadata?.labels ?? {};
  const included = inclusion(pod, state.constraints);
  const domainCounts = state.counts.map((c) => new Map(c));
  state.constraints.forEach((c, i) => {
    if (!counts(pod, changed, c) || !included(n, i)) return;
    const domain = labels[c.raw.topologyKey]!;
    domainCounts[i]!.set(domain, (domainCounts[i]!.get(domain) ?? 0) + sign);
  });
  return withMinimums(state.constraints, domainCounts);
}

/**
 * Hint for an assigned pod's label change (upstream's isSchedulableAfterPodChange): it
 * helps when, in the waiting pod's namespace, a hard constraint's selector matches the
 * pod before and not after, or the other way round.
 */
function labelChangeHint(defaults: SpreadDefaults): QueueingHint {
  return (pod, oldObj, newObj) => {
    const before = oldObj as Pod;
    const after = newObj as Pod;
    if ((after.metadata?.namespace ?? 'default') !== (pod.metadata?.namespace ?? 'default')) return false;
    return defaults
      .constraintsFor(pod)
      .filter((c) => c.whenUnsatisfiable === 'DoNotSchedule')
      .some((raw) => {
        const { selector } = compile(pod, raw);
        return selector.matches(before.metadata?.labels ?? {}) !== selector.matches(after.metadata?.labels ?? {});
      });
  };
}

/** `defaults` gives pods without constraints of their own the profile's default constraints. */
export function podTopologySpread(handle: Handle, defaults: SpreadDefaults = NO_DEFAULTS): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    ...spreadScoring(handle, defaults),
    name: NAME,
    events: [...on('pods', 'Add', 'Delete'), ...hinted(labelChangeHint(defaults), on('pods', 'UpdatePodLabel')), ...on('nodes', 'Add', 'Delete', 'UpdateNodeLabel', 'UpdateNodeTaint')],
    extensions: {
      addPod(state, pod, added, node) {
        const s = state.read<State>(STATE_KEY);
        if (s !== undefined) state.write(STATE_KEY, recount(s, pod, added, node, 1));
        return Status.success();
      },
      removePod(state, pod, removed, node) {
        const s = state.read<State>(STATE_KEY);
        if (s !== undefined) state.write(STATE_KEY, recount(s, pod, removed, node, -1));
        return Status.success();
      },
    },
    preFilter(state, pod, nodes) {
      const hard = defaults.constraintsFor(pod).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
      if (hard.length === 0) return { status: Status.skip() };
      state.write(STATE_KEY, compute(pod, nodes, hard.map((c) => compile(pod, c))));
      return { status: Status.success() };
    },
    filter(state, _pod, info) {
      const s = state.read<State>(STATE_KEY);
      if (s === undefined || info.node === undefined) return Status.success();
      const labels = info.node.metadata?.labels ?? {};
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i]!;
        const domain = labels[c.raw.topologyKey];
        if (domain === undefined) return Status.unresolvable(MISSING_LABEL_REASON);
        const skew = (s.counts[i]!.get(domain) ?? 0) + c.selfMatch - s.minimums[i]!;
        if (skew > c.raw.maxSkew) return Status.unschedulable(REASON);
      }
      return Status.success();
    },
  };
}
