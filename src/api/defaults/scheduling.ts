// Defaults of the scheduling.k8s.io group.

import { defaultUnset, type JsonObject } from './json.js';

export function defaultPriorityClass(priorityClass: JsonObject): void {
  defaultUnset(priorityClass, 'preemptionPolicy', () => 'PreemptLowerPriority');
}
