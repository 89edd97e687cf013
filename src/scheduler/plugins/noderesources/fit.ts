// NodeResourcesFit: Filter rejects nodes whose allocatable minus what their pods request
// cannot hold the pod's requests (and nodes at their pod limit); Score prefers nodes by
// the configured strategy: LeastAllocated by default (cpu and memory, weight 1 each),
// MostAllocated or RequestedToCapacityRatio (fit-args.ts reads and checks the args).

import type { Pod } from '../../../client/index.js';
import { hinted, nodeFilterHint, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podRequests, type ResourceList } from '../../framework/resources.js';
import { fitArgs, type FitArgs } from './fit-args.js';
import { requestedToCapacityRatio } from './requested-to-capacity-ratio.js';
import { leastAllocated, mostAllocated, resourceScore, type Scorer } from './scoring.js';

export { DEFAULT_RESOURCES, FitArgsError, fitArgs, type FitArgs } from './fit-args.js';

export const NAME = 'NodeResourcesFit';
const STATE_KEY = `PreFilter${NAME}`;
const SCORE_KEY = `PreScore${NAME}`;
const ORDER = ['cpu', 'memory', 'ephemeral-storage'];

/** The reasons `node` cannot hold a pod requesting `request` (empty: it fits). */
export function insufficientResources(request: ResourceList, node: NodeInfo, ignored: readonly string[] = []): string[] {
  const reasons: string[] = [];
  const allowedPods = node.allocatable.get('pods') ?? 0;
  if (node.pods.size + 1 > allowedPods) reasons.push('Too many pods');
  const names = [...ORDER, ...[...request.keys()].filter((n) => !ORDER.includes(n) && n !== 'pods').sort()];
  for (const name of names) {
    const want = request.get(name) ?? 0;
    if (want <= 0 || ignored.includes(name)) continue;
    const free = (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0);
    if (want > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

function scorerOf(args: FitArgs): Scorer {
  if (args.strategy === 'MostAllocated') return mostAllocated;
  if (args.strategy === 'RequestedToCapacityRatio') return requestedToCapacityRatio(args.shape);
  return leastAllocated;
}

export function nodeResourcesFit(args: FitArgs = fitArgs(undefined)): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const scorer = scorerOf(args);
  const filter: FilterPlugin['filter'] = (state, pod, node) => {
    const request = state.read<ResourceList>(STATE_KEY) ?? podRequests(pod);
    const reasons = insufficientResources(request, node, args.ignoredResources);
    return reasons.length === 0 ? Status.success() : Status.unschedulable(...reasons);
  };
  return {
    name: NAME,
    // A node helps only if its allocatable, empty, could hold the pod.
    events: [...on('pods', 'Delete'), ...hinted(nodeFilterHint(filter), on('nodes', 'Add', 'UpdateNodeAllocatable'))],
    preFilter(state, pod) {
      state.write(STATE_KEY, podRequests(pod));
      return { status: Status.success() };
    },
    filter,
    preScore(state, pod: Pod) {
      state.write(SCORE_KEY, podRequests(pod, true));
      return Status.success();
    },
    score(state, pod, node) {
      const request = state.read<ResourceList>(SCORE_KEY) ?? podRequests(pod, true);
      return { score: resourceScore(node, request, args.resources, false, scorer), status: Status.success() };
    },
  };
}
