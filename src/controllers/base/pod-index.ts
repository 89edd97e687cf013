// Pods by the uid of their controller (upstream's PodControllerUIDIndex): a workload
// controller's sync reads the pods it owns and the orphans it might adopt from this index
// instead of every pod of the namespace, which made each sync cost O(pods in namespace).

import { PODS, type InformerFactory, type IndexFunc, type Pod, type SharedInformer } from '../../client/index.js';
import { controllerRef } from './pods.js';

export const CONTROLLER_UID_INDEX = 'controllerUID';

/** The index value of the pods of `namespace` that no controller owns. */
const orphansOf = (namespace: string) => `orphans/${namespace}`;

/** A pod's controller uid; an orphan's value names its namespace (uids never contain "/"). */
export const controllerUidIndexFunc: IndexFunc<Pod> = (pod) => {
  const ref = controllerRef(pod);
  return [ref === undefined ? orphansOf(pod.metadata?.namespace ?? '') : ref.uid];
};

/** The shared pod informer, with the controller-uid index. */
export function podsByController(informers: InformerFactory): SharedInformer<Pod> {
  informers.pods();
  return informers.informerFor<Pod>(PODS, { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
}

/** The cached pods `uid` controls plus the orphans of `namespace`: every pod it may claim. */
export function claimablePods(pods: SharedInformer<Pod>, namespace: string, uid: string): Pod[] {
  return [...pods.store.byIndex(CONTROLLER_UID_INDEX, uid), ...pods.store.byIndex(CONTROLLER_UID_INDEX, orphansOf(namespace))];
}
