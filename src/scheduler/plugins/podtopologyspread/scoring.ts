// PodTopologySpread, soft constraints (whenUnsatisfiable: ScheduleAnyway) as a Score:
// a node scores the matching pods in its domain, weighted by log(domains + 2), plus
// maxSkew − 1; fewer is better, so NormalizeScore maps the lowest to 100. Domains are
// those of the nodes that passed Filter; pods are counted on every node of the snapshot
// that has the keys, for each constraint whose nodeAffinityPolicy and nodeTaintsPolicy
// admit that node (hostname topologies are counted on the scored node itself). Feasible
// nodes lacking a key are ignored (score 0) — except under System defaulting, where a node
// counts for the keys it has (upstream's requireAllTopologies).

import type { Pod } from '../../../client/index.js';
import { Status } from '../../framework/status.js';
import { MAX_NODE_SCORE, type Handle, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podSpec } from '../../framework/types.js';
import type { SpreadDefaults } from './defaults.js';
import { compile, hasAllKeys, inclusion, matchingPods, type Constraint } from './pod-topology-spread.js';

const HOSTNAME = 'kubernetes.io/hostname';
const STATE_KEY = 'PreScorePodTopologySpread';

interface ScoreState {
  readonly constraints: Constraint[];
  /** Per constraint: matching pods per domain of the feasible nodes. */
  readonly counts: Map<string, number>[];
  readonly weights: number[];
  readonly ignored: Set<string>;
}

function prepare(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[], constraints: Constraint[], requireAll: boolean): ScoreState {
  const counts = constraints.map(() => new Map<string, number>());
  const ignored = new Set<string>();
  let eligible = 0;
  for (const info of feasible) {
    if (requireAll && (info.node === undefined || !hasAllKeys(info.node, constraints))) {
      ignored.add(info.name());
      continue;
    }
    eligible++;
    const labels = info.node?.metadata?.labels ?? {};
    constraints.forEach((c, i) => {
      const domain = labels[c.raw.topologyKey];
      if (domain !== undefined) counts[i]!.set(domain, 0);
    });
  }
  const included = inclusion(pod, constraints);
  for (const info of all) {
    const node = info.node;
    if (node === undefined || (requireAll && !hasAllKeys(node, constraints))) continue;
    const labels = node.metadata?.labels ?? {};
    constraints.forEach((c, i) => {
      if (c.raw.topologyKey === HOSTNAME || !included(node, i)) return;
      const domain = labels[c.raw.topologyKey];
      if (domain === undefined) return;
      const have = counts[i]!.get(domain);
      if (have !== undefined) counts[i]!.set(domain, have + matchingPods(pod, info, c));
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.raw.topologyKey === HOSTNAME ? eligible : counts[i]!.size) + 2));
  return { constraints, counts, weights, ignored };
}

export function spreadScoring(handle: Handle, defaults: SpreadDefaults): PreScorePlugin & ScorePlugin {
  return {
    name: 'PodTopologySpread',
    preScore(state, pod, nodes) {
      const soft = defaults.constraintsFor(pod).filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
      if (soft.length === 0) return Status.skip();
      const requireAll = (podSpec(pod).topologySpreadConstraints ?? []).length > 0 || !defaults.systemDefaulted;
      state.write(STATE_KEY, prepare(pod, nodes, handle.snapshot().nodes(), soft.map((c) => compile(pod, c)), requireAll));
      return Status.success();
    },
    score(state, pod, info) {
      const s = state.read<ScoreState>(STATE_KEY);
      if (s === undefined || s.ignored.has(info.name())) return { score: 0, status: Status.success() };
      const labels = info.node?.metadata?.labels ?? {};
      let score = 0;
      s.constraints.forEach((c, i) => {
        const domain = labels[c.raw.topologyKey];
        if (domain === undefined) return;
        const count = c.raw.topologyKey === HOSTNAME ? matchingPods(pod, info, c) : (s.counts[i]!.get(domain) ?? 0);
        score += count * s.weights[i]! + (c.raw.maxSkew - 1);
      });
      return { score: Math.round(score), status: Status.success() };
    },
    normalizeScore(state, _pod, scores) {
      const s = state.read<ScoreState>(STATE_KEY);
      if (s === undefined) return Status.success();
      let min = Infinity;
      let max = 0;
      for (const sc of scores) {
        if (s.ignored.has(sc.name)) continue;
        min = Math.min(min, sc.score);
        max = Math.max(max, sc.score);
      }
      for (const sc of scores) {
        if (s.ignored.has(sc.name)) sc.score = 0;
        else if (max === 0) sc.score = MAX_NODE_SCORE;
        else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
      }
      return Status.success();
    },
  };
}
