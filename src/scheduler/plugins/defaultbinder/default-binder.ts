// DefaultBinder: POST pods/binding with the chosen node (the API server sets nodeName and
// PodScheduled=True), carrying the recorded verdicts as annotations when the profile
// records them.

import { Status } from '../../framework/status.js';
import type { BindPlugin, Handle } from '../../framework/interfaces.js';

export const NAME = 'DefaultBinder';

export function defaultBinder(handle: Handle): BindPlugin {
  return {
    name: NAME,
    async bind(state, pod, nodeName) {
      try {
        await handle.bind(pod, nodeName, state.verdicts?.annotations());
        return Status.success();
      } catch (error) {
        return Status.error(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
