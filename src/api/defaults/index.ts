// Upstream's defaults of every served built-in kind, by `group/resource` (the core group
// is ''). The API server applies them on every create and update, after the strategy's
// prepareForCreate/prepareForUpdate and before validation; they change only what is unset,
// so applying them again changes nothing.
//
// Kinds not listed have no defaults upstream: ConfigMap, ServiceAccount, Event,
// ComponentStatus, ControllerRevision, Ingress, IPAddress, ServiceCIDR, Role, ClusterRole,
// PodDisruptionBudget, Lease, CertificateSigningRequest, RuntimeClass, CSINode,
// CSIStorageCapacity, VolumeAttributesClass and the review kinds.

import type { ApiObject } from '../strategy.js';
import * as admission from './admissionregistration.js';
import { defaultCustomResourceDefinition } from './apiextensions.js';
import * as apps from './apps.js';
import { defaultHorizontalPodAutoscaler } from './autoscaling.js';
import { defaultCronJob, defaultJob } from './batch.js';
import * as core from './core.js';
import { defaultFlowSchema, defaultPriorityLevelConfiguration } from './flowcontrol.js';
import type { JsonObject } from './json.js';
import { defaultEndpointSlice, defaultIngressClass, defaultNetworkPolicy } from './networking.js';
import { defaultPod } from './pod.js';
import { defaultBinding } from './rbac.js';
import { defaultPriorityClass } from './scheduling.js';
import { defaultService } from './service.js';
import * as storage from './storage.js';

/** Fills an object's defaults in place. */
export type Defaulter = (obj: ApiObject) => void;

const DEFAULTERS: ReadonlyMap<string, (obj: JsonObject) => void> = new Map([
  ['/pods', defaultPod],
  ['/podtemplates', core.defaultPodTemplate],
  ['/replicationcontrollers', core.defaultReplicationController],
  ['/services', defaultService],
  ['/endpoints', core.defaultEndpoints],
  ['/namespaces', core.defaultNamespace],
  ['/nodes', core.defaultNode],
  ['/secrets', core.defaultSecret],
  ['/persistentvolumes', core.defaultPersistentVolume],
  ['/persistentvolumeclaims', core.defaultPersistentVolumeClaim],
  ['/limitranges', core.defaultLimitRange],
  ['/resourcequotas', core.defaultResourceQuota],
  ['apps/deployments', apps.defaultDeployment],
  ['apps/replicasets', apps.defaultReplicaSet],
  ['apps/statefulsets', apps.defaultStatefulSet],
  ['apps/daemonsets', apps.defaultDaemonSet],
  ['batch/jobs', defaultJob],
  ['batch/cronjobs', defaultCronJob],
  ['autoscaling/horizontalpodautoscalers', defaultHorizontalPodAutoscaler],
  ['networking.k8s.io/networkpolicies', defaultNetworkPolicy],
  ['networking.k8s.io/ingressclasses', defaultIngressClass],
  ['discovery.k8s.io/endpointslices', defaultEndpointSlice],
  ['rbac.authorization.k8s.io/rolebindings', defaultBinding],
  ['rbac.authorization.k8s.io/clusterrolebindings', defaultBinding],
  ['storage.k8s.io/storageclasses', storage.defaultStorageClass],
  ['storage.k8s.io/csidrivers', storage.defaultCSIDriver],
  ['storage.k8s.io/volumeattachments', storage.defaultVolumeAttachment],
  ['scheduling.k8s.io/priorityclasses', defaultPriorityClass],
  ['admissionregistration.k8s.io/validatingwebhookconfigurations', admission.defaultValidatingWebhookConfiguration],
  ['admissionregistration.k8s.io/mutatingwebhookconfigurations', admission.defaultMutatingWebhookConfiguration],
  ['admissionregistration.k8s.io/validatingadmissionpolicies', admission.defaultAdmissionPolicy],
  ['admissionregistration.k8s.io/mutatingadmissionpolicies', admission.defaultAdmissionPolicy],
  ['admissionregistration.k8s.io/validatingadmissionpolicybindings', admission.defaultAdmissionPolicyBinding],
  ['admissionregistration.k8s.io/mutatingadmissionpolicybindings', admission.defaultAdmissionPolicyBinding],
  ['flowcontrol.apiserver.k8s.io/flowschemas', defaultFlowSchema],
  ['flowcontrol.apiserver.k8s.io/prioritylevelconfigurations', defaultPriorityLevelConfiguration],
  ['apiextensions.k8s.io/customresourcedefinitions', defaultCustomResourceDefinition],
]);

/** The defaulter of a resource (`''`, `'pods'`), or undefined when it has no defaults. */
export function defaultsFor(group: string, resource: string): Defaulter | undefined {
  return DEFAULTERS.get(`${group}/${resource}`);
}
