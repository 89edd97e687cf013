// SchedulingGates: a pod with spec.schedulingGates stays out of activeQ until the gates
// are removed (an update of the pod, not a cluster event, lets it in).

import { Status } from '../../framework/status.js';
import type { PreEnqueuePlugin } from '../../framework/interfaces.js';
import { podSpec } from '../../framework/types.js';

export const NAME = 'SchedulingGates';

export function schedulingGates(): PreEnqueuePlugin {
  return {
    name: NAME,
    preEnqueue(pod) {
      const gates = podSpec(pod).schedulingGates ?? [];
      if (gates.length === 0) return Status.success();
      return new Status('UnschedulableAndUnresolvable', [`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`]);
    },
  };
}
