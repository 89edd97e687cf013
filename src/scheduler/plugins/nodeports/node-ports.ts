// NodePorts: a pod asking for host ports fits only where none of them is taken (same
// protocol and port, overlapping IP; 0.0.0.0 overlaps everything).

import { on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreFilterPlugin } from '../../framework/interfaces.js';
import { podHostPorts, type HostPort } from '../../framework/node-info.js';

export const NAME = 'NodePorts';
export const REASON = "node(s) didn't have free ports for the requested pod ports";
const STATE_KEY = `PreFilter${NAME}`;

export function nodePorts(): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    events: [...on('pods', 'Delete'), ...on('nodes', 'Add')],
    preFilter(state, pod) {
      const ports = podHostPorts(pod);
      if (ports.length === 0) return { status: Status.skip() };
      state.write(STATE_KEY, ports);
      return { status: Status.success() };
    },
    filter(state, _pod, node) {
      const ports = state.read<HostPort[]>(STATE_KEY) ?? [];
      return ports.some((p) => node.portInUse(p)) ? Status.unschedulable(REASON) : Status.success();
    },
  };
}
