// NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in
// similar fractions with the pod on them: 100 × (1 − standard deviation of the fractions).

import type { Pod } from '../../../client/index.js';
import { Status } from '../../framework/status.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import { podRequests, type ResourceList } from '../../framework/resources.js';
import { DEFAULT_RESOURCES } from './fit.js';
import { resourceScore, type ResourceSpec, type Scorer } from './scoring.js';

export const NAME = 'NodeResourcesBalancedAllocation';
const STATE_KEY = `PreScore${NAME}`;

export const balancedScorer: Scorer = (requested, allocatable) => {
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) continue;
    fractions.push(Math.min((requested[i] ?? 0) / cap, 1));
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(fractions[0]! - fractions[1]!) / 2;
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};

export function balancedAllocation(resources: readonly ResourceSpec[] = DEFAULT_RESOURCES): PreScorePlugin & ScorePlugin {
  return {
    name: NAME,
    preScore(state, pod: Pod) {
      state.write(STATE_KEY, podRequests(pod));
      return Status.success();
    },
    score(state, pod, node) {
      const request = state.read<ResourceList>(STATE_KEY) ?? podRequests(pod);
      return { score: resourceScore(node, request, resources, true, balancedScorer), status: Status.success() };
    },
  };
}
