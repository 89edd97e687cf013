// Upstream's Priority admission plugin, for the PriorityClasses people create: a pod that
// names one gets its value as `spec.priority` and its `preemptionPolicy`, before
// validation. A class that does not exist, or a priority or policy in the pod that
// disagrees with the class, is refused (403) with upstream's messages. A pod without a
// class gets the class marked globalDefault, if there is one. The built-in system
// classes, and priority 0 when no class applies, come from the pod defaults
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
      if (className === '') {
        await applyGlobalDefault(spec, priorityClasses);
        return done;
      }
      // Resolved by the defaults already.
      if (SYSTEM_PRIORITY_CLASSES.has(className)) return done;
      const priorityClass = await priorityClasses.readLatest('', className);
      if (priorityClass === undefined) throw refusal(pod, `no PriorityClass with name ${className} was found`);
      const value = valueOf(priorityClass);
      const policy = policyOf(priorityClass);
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

/**
 * A pod without a class gets the class marked `globalDefault` (the lowest value if a race
 * left several, as upstream), else keeps the defaults' priority 0.
 */
async function applyGlobalDefault(spec: PodSpecPriority, priorityClasses: GenericStore): Promise<void> {
  let chosen: KubeObject | undefined;
  for (const candidate of await priorityClasses.listLatest('', (o) => o['globalDefault'] === true)) {
    if (chosen === undefined || valueOf(candidate) < valueOf(chosen)) chosen = candidate;
  }
  if (chosen === undefined) return;
  spec.priorityClassName = chosen.metadata.name;
  spec.priority = valueOf(chosen);
  spec.preemptionPolicy = policyOf(chosen);
}

function valueOf(priorityClass: KubeObject): number {
  return typeof priorityClass['value'] === 'number' ? priorityClass['value'] : 0;
}

function policyOf(priorityClass: KubeObject): string {
  return typeof priorityClass['preemptionPolicy'] === 'string' ? priorityClass['preemptionPolicy'] : DEFAULT_PREEMPTION_POLICY;
}

const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

/** The other half of the plugin: at most one PriorityClass is the global default. */
export function singleGlobalDefault(priorityClasses: GenericStore): StoreHooks {
  const check = async (candidate: KubeObject) => {
    if (candidate['globalDefault'] !== true) return done;
    const name = candidate.metadata.name ?? '';
    const [other] = await priorityClasses.listLatest('', (o) => o['globalDefault'] === true && o.metadata.name !== name);
    if (other !== undefined) {
      throw forbidden(PRIORITY_CLASSES, name, `PriorityClass ${other.metadata.name ?? ''} is already marked as default. Only one default can exist`);
    }
    return done;
  };
  return { beginCreate: (obj) => check(obj), beginUpdate: (obj) => check(obj) };
}

function refusal(pod: KubeObject, message: string): Error {
  return forbidden(PODS, pod.metadata.name ?? '', message);
}
