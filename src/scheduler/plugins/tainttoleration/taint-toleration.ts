// TaintToleration: Filter rejects nodes with an untolerated NoSchedule/NoExecute taint;
// Score counts untolerated PreferNoSchedule taints, fewer being better (reversed normalize).

import { hinted, nodeFilterHint, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { defaultNormalizeScore } from '../../framework/normalize.js';
import { nodeSpec, podSpec, type Toleration } from '../../framework/types.js';
import { firstUntolerated, toleratesTaint } from './tolerations.js';

export const NAME = 'TaintToleration';
const PRESCORE_KEY = `PreScore${NAME}`;

const filter: FilterPlugin['filter'] = (_state, pod, node) => {
  if (node.node === undefined) return Status.unresolvable('invalid nodeInfo');
  const taint = firstUntolerated(nodeSpec(node.node).taints ?? [], podSpec(pod).tolerations ?? [], ['NoSchedule', 'NoExecute']);
  if (taint === undefined) return Status.success();
  return Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
};

export function taintToleration(): FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: NAME,
    // A new or changed node helps only if the pod tolerates its taints.
    events: hinted(nodeFilterHint(filter), on('nodes', 'Add', 'UpdateNodeTaint')),
    filter,
    preScore(state, pod) {
      // Only tolerations that can matter for PreferNoSchedule taints.
      const relevant = (podSpec(pod).tolerations ?? []).filter((t) => t.effect === undefined || t.effect === '' || t.effect === 'PreferNoSchedule');
      state.write(PRESCORE_KEY, relevant);
      return Status.success();
    },
    score(state, pod, node) {
      const tolerations = state.read<Toleration[]>(PRESCORE_KEY) ?? podSpec(pod).tolerations ?? [];
      let count = 0;
      for (const taint of nodeSpec(node.node!).taints ?? []) {
        if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => toleratesTaint(t, taint))) count++;
      }
      return { score: count, status: Status.success() };
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, true);
      return Status.success();
    },
  };
}
