// Upstream's Priority admission plugin, for the PriorityClasses people create: a pod that
// names one gets its value as `spec.priority` and its `preemptionPolicy`, before
// validation. A class that does not exist, or a priority or policy in the pod that
// disagrees with the class, is refused (403) with upstream's messages. The built-in
// system classes and pods without a class are resolved by the pod defaults
// (src/api/defaults/pod-admission.ts), which need no store.

import { SYSTEM_PRIORITY_CLASSES } from '../../api/defaults/pod-admission.js';
import { forbidden } from '../../machinery/errors.js';
import type { KubeObject } from '../object.js';
import type { GenericStore, StoreHooks } from '../registry/generic-store.js';

interface PodSpecPriority {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const PODS = { group: '', resource: 'pods' };
const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority';
const done = async (): Promise<void> => {};

export function priorityAdmission(priorityClasses: GenericStore): StoreHooks {
  return {
    async beginCreate(pod) {
      const spec = (pod.spec ?? {}) as PodSpecPriority;
      const className = spec.priorityClassName ?? '';
      // Resolved by the defaults already (system classes; no class at all).
      if (className === '' || SYSTEM_PRIORITY_CLASSES.has(className)) return done;
      const priorityClass = await priorityClasses.readLatest('', className);
      if (priorityClass === undefined) throw refusal(pod, `no PriorityClass with name ${className} was found`);
      const value = typeof priorityClass['value'] === 'number' ? priorityClass['value'] : 0;
      const policy = typeof priorityClass['preemptionPolicy'] === 'string' ? priorityClass['preemptionPolicy'] : DEFAULT_PREEMPTION_POLICY;
      if (spec.priority !== undefined && spec.priority !== value) {
        throw refusal(pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
      }
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
        throw refusal(pod, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
      }
      spec.priority = value;
      spec.preemptionPolicy = policy;
      pod.spec = spec;
      return done;
    },
  };
}

function refusal(pod: KubeObject, message: string): Error {
  return forbidden(PODS, pod.metadata.name ?? '', message);
}
