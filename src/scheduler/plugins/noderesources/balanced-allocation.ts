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
  let count = 0;
  let sum = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) continue;
    const fraction = Math.min((requested[i] ?? 0) / cap, 1);
    if (count === 0) first = fraction;
    else if (count === 1) second = fraction;
    count++;
    sum += fraction;
  }
  let std = 0;
  // Two resources (the default): |a − b| / 2 exactly, as upstream special-cases it.
  if (count === 2) std = Math.abs(first - second) / 2;
  else if (count > 2) {
    const mean = sum / count;
    let squares = 0;
    for (let i = 0; i < requested.length; i++) {
      const cap = allocatable[i] ?? 0;
      if (cap !== 0) squares += (Math.min((requested[i] ?? 0) / cap, 1) - mean) ** 2;
    }
    std = Math.sqrt(squares / count);
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
