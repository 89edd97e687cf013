// DefaultBinder: POST pods/binding with the chosen node (the API server sets nodeName and
// PodScheduled=True).

import { Status } from '../../framework/status.js';
import type { BindPlugin, Handle } from '../../framework/interfaces.js';

export const NAME = 'DefaultBinder';

export function defaultBinder(handle: Handle): BindPlugin {
  return {
    name: NAME,
    async bind(_state, pod, nodeName) {
      try {
        await handle.bind(pod, nodeName);
        return Status.success();
      } catch (error) {
        return Status.error(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
