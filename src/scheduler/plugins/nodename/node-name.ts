// NodeName: a pod that names its node (spec.nodeName set before scheduling) fits only there.

import { on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin } from '../../framework/interfaces.js';
import { podSpec } from '../../framework/types.js';

export const NAME = 'NodeName';
export const REASON = "node(s) didn't match the requested node name";

export function nodeNamePlugin(): FilterPlugin {
  return {
    name: NAME,
    events: on('nodes', 'Add'),
    filter(_state, pod, node) {
      const wanted = podSpec(pod).nodeName;
      if (wanted === undefined || wanted === '' || wanted === node.name()) return Status.success();
      return Status.unresolvable(REASON);
    },
  };
}
