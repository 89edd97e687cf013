// NodeAffinity: Filter requires spec.nodeSelector and the required node affinity terms to
// match the node's labels; Score sums the weights of the preferred terms that match,
// normalized so the best node gets 100.

import type { Pod } from '../../../client/index.js';
import { hinted, nodeFilterHint, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { defaultNormalizeScore } from '../../framework/normalize.js';
import { podSpec } from '../../framework/types.js';
import { matchesAnyTerm, matchesTerm } from './node-selector.js';

export const NAME = 'NodeAffinity';
export const REASON = "node(s) didn't match Pod's node affinity/selector";

function hasRequirements(pod: Pod): boolean {
  const spec = podSpec(pod);
  return Object.keys(spec.nodeSelector ?? {}).length > 0 || spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;
}

const filter: FilterPlugin['filter'] = (_state, pod, info) => {
  const node = info.node!;
  const spec = podSpec(pod);
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return Status.unresolvable(REASON);
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== undefined && !matchesAnyTerm(required.nodeSelectorTerms ?? [], node)) return Status.unresolvable(REASON);
  return Status.success();
};

export function nodeAffinity(): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: NAME,
    // A new or relabelled node helps only if it matches the pod's selector and affinity.
    events: hinted(nodeFilterHint(filter), on('nodes', 'Add', 'UpdateNodeLabel')),
    preFilter(_state, pod) {
      return { status: hasRequirements(pod) ? Status.success() : Status.skip() };
    },
    filter,
    preScore(_state, pod) {
      const preferred = podSpec(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      return preferred.length === 0 ? Status.skip() : Status.success();
    },
    score(_state, pod, info) {
      let total = 0;
      for (const term of podSpec(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (term.weight !== 0 && matchesTerm(term.preference, info.node!)) total += term.weight;
      }
      return { score: total, status: Status.success() };
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, false);
      return Status.success();
    },
  };
}
