// InterPodAffinity, preferred terms (Score): every (topologyKey, value) domain collects
// the weights of the incoming pod's preferred affinity terms that select pods in it (minus
// its preferred anti-affinity ones), and of existing pods' terms that select the incoming
// pod — required affinity at hardPodAffinityWeight, preferred affinity plus, preferred
// anti-affinity minus. A node scores the sum over its labels; scores are scaled min..max
// onto 0..100.

import type { Pod } from '../../../client/index.js';
import { Status } from '../../framework/status.js';
import { MAX_NODE_SCORE, type Handle, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podSpec, type PodAffinityTerm } from '../../framework/types.js';
import { NO_NAMESPACE_LABELS, compileTerm, termMatches, type NamespaceLabels } from './terms.js';

const STATE_KEY = 'PreScoreInterPodAffinity';

interface Weighted {
  readonly term: PodAffinityTerm;
  readonly weight: number;
}

function weightedTerms(pod: Pod, hardWeight: number): Weighted[] {
  const a = podSpec(pod).affinity;
  return [
    ...(a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => ({ term, weight: hardWeight })),
    ...(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({ term: t.podAffinityTerm, weight: t.weight })),
    ...(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({ term: t.podAffinityTerm, weight: -t.weight })),
  ];
}

function add(scores: Map<string, number>, info: NodeInfo, key: string, weight: number): void {
  const value = info.node?.metadata?.labels?.[key];
  if (value === undefined || weight === 0) return;
  const k = `${key}\u0000${value}`;
  scores.set(k, (scores.get(k) ?? 0) + weight);
}

/**
 * `ignoreExistingPreferred` is upstream's ignorePreferredTermsOfExistingPods: a pod without
 * preferred terms of its own is then not scored at all.
 */
export function affinityScoring(handle: Handle, hardPodAffinityWeight = 1, namespaceLabels: NamespaceLabels = NO_NAMESPACE_LABELS, ignoreExistingPreferred = false): PreScorePlugin & ScorePlugin {
  return {
    name: 'InterPodAffinity',
    preScore(state, pod) {
      const own = weightedTerms(pod, 0).map((w) => ({ ...w, compiled: compileTerm(w.term, pod, namespaceLabels) }));
      // Required terms come back with weight 0: they do not score.
      if (ignoreExistingPreferred && !own.some((w) => w.weight !== 0)) return Status.skip();
      // Without preferred terms of its own, only pods with (anti-)affinity terms score it.
      const snapshot = handle.snapshot();
      const nodes = own.length > 0 ? snapshot.nodes() : snapshot.nodesWithPodAffinity();
      if (nodes.length === 0) return Status.skip();
      const scores = new Map<string, number>();
      for (const info of nodes) {
        for (const { pod: existing, anyPodAffinity } of info.pods.values()) {
          for (const w of own) if (termMatches(w.compiled, existing)) add(scores, info, w.term.topologyKey, w.weight);
          if (!anyPodAffinity) continue;
          for (const w of weightedTerms(existing, hardPodAffinityWeight)) {
            if (termMatches(compileTerm(w.term, existing, namespaceLabels), pod)) add(scores, info, w.term.topologyKey, w.weight);
          }
        }
      }
      if (scores.size === 0) return Status.skip();
      state.write(STATE_KEY, scores);
      return Status.success();
    },
    score(state, _pod, info) {
      const scores = state.read<Map<string, number>>(STATE_KEY);
      let total = 0;
      for (const [key, value] of Object.entries(info.node?.metadata?.labels ?? {})) total += scores?.get(`${key}\u0000${value}`) ?? 0;
      return { score: total, status: Status.success() };
    },
    normalizeScore(_state, _pod, scores) {
      let min = Infinity;
      let max = -Infinity;
      for (const s of scores) {
        min = Math.min(min, s.score);
        max = Math.max(max, s.score);
      }
      for (const s of scores) s.score = max - min > 0 ? Math.trunc((MAX_NODE_SCORE * (s.score - min)) / (max - min)) : 0;
      return Status.success();
    },
  };
}
