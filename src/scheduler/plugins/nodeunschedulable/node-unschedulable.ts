// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods tolerating the
// node.kubernetes.io/unschedulable:NoSchedule taint.

import { hinted, nodeFilterHint, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin } from '../../framework/interfaces.js';
import { nodeSpec, podSpec } from '../../framework/types.js';
import { toleratesTaint } from '../tainttoleration/tolerations.js';

export const NAME = 'NodeUnschedulable';
export const REASON = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

const filter: FilterPlugin['filter'] = (_state, pod, node) => {
  if (node.node === undefined) return Status.unresolvable('node not found');
  if (nodeSpec(node.node).unschedulable !== true) return Status.success();
  const tolerated = (podSpec(pod).tolerations ?? []).some((t) => toleratesTaint(t, TAINT));
  return tolerated ? Status.success() : Status.unresolvable(REASON);
};

export function nodeUnschedulable(): FilterPlugin {
  return {
    name: NAME,
    // A new or changed node helps only if it is not cordoned (or the pod tolerates that).
    events: hinted(nodeFilterHint(filter), on('nodes', 'Add', 'UpdateNodeTaint')),
    filter,
  };
}
