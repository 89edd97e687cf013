// NodeAffinity: Filter requires spec.nodeSelector and the required node affinity terms to
// match the node's labels; Score sums the weights of the preferred terms that match,
// normalized so the best node gets 100. The profile's `addedAffinity` (NodeAffinityArgs)
// applies to every pod besides its own: its required terms are checked first, with their
// own reason, and its preferred terms add to every node's score.

import type { Pod } from '../../../client/index.js';
import { hinted, nodeFilterHint, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { defaultNormalizeScore } from '../../framework/normalize.js';
import { podSpec, type NodeSelectorTerm } from '../../framework/types.js';
import type { NodeAffinityArgs } from './affinity-args.js';
import { matchesAnyTerm, matchesTerm } from './node-selector.js';

export const NAME = 'NodeAffinity';
export const REASON = "node(s) didn't match Pod's node affinity/selector";
/** The reason when the profile's addedAffinity rejects the node. */
export const ENFORCED_REASON = "node(s) didn't match scheduler-enforced node affinity";

function hasRequirements(pod: Pod): boolean {
  const spec = podSpec(pod);
  return Object.keys(spec.nodeSelector ?? {}).length > 0 || spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;
}

function podFilter(pod: Pod, node: NonNullable<NodeInfo['node']>): Status {
  const spec = podSpec(pod);
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return Status.unresolvable(REASON);
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== undefined && !matchesAnyTerm(required.nodeSelectorTerms ?? [], node)) return Status.unresolvable(REASON);
  return Status.success();
}

function preferredScore(terms: readonly { weight: number; preference: NodeSelectorTerm }[], node: NonNullable<NodeInfo['node']>): number {
  let total = 0;
  for (const term of terms) if (term.weight !== 0 && matchesTerm(term.preference, node)) total += term.weight;
  return total;
}

export function nodeAffinity(args: NodeAffinityArgs = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const addedRequired = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const addedPreferred = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const filter: FilterPlugin['filter'] = (_state, pod, info) => {
    if (addedRequired !== undefined && !matchesAnyTerm(addedRequired, info.node!)) return Status.unresolvable(ENFORCED_REASON);
    return podFilter(pod, info.node!);
  };
  return {
    name: NAME,
    // A new or relabelled node helps only if it matches the pod's selector and affinity.
    events: hinted(nodeFilterHint(filter), on('nodes', 'Add', 'UpdateNodeLabel')),
    preFilter(_state, pod) {
      return { status: addedRequired !== undefined || hasRequirements(pod) ? Status.success() : Status.skip() };
    },
    filter,
    preScore(_state, pod) {
      const preferred = podSpec(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      return preferred.length === 0 && addedPreferred.length === 0 ? Status.skip() : Status.success();
    },
    score(_state, pod, info) {
      const own = podSpec(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      return { score: preferredScore(addedPreferred, info.node!) + preferredScore(own, info.node!), status: Status.success() };
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, false);
      return Status.success();
    },
  };
}
