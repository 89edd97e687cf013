// PrioritySort: higher spec.priority first, then the pod that entered activeQ earlier.

import type { QueueSortPlugin, QueuedPodInfo } from '../../framework/interfaces.js';
import { podPriority } from '../../framework/types.js';

export const NAME = 'PrioritySort';

export function prioritySort(): QueueSortPlugin {
  return {
    name: NAME,
    less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
      const pa = podPriority(a.pod);
      const pb = podPriority(b.pod);
      return pa > pb || (pa === pb && a.timestamp < b.timestamp);
    },
  };
}
