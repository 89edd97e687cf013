// Validation of the core group's kinds, by resource, for the strategies to call; plus the
// pieces other groups' validation builds on (pod templates, scheduling constraints,
// claim specs, PV specs).

import type { FieldError } from '../../../machinery/field-errors.js';
import type { ApiObject } from '../../strategy.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './config-data.js';
import { validateEndpoints, validateEndpointsUpdate } from './endpoints.js';
import { validateEvent, validateEventUpdate } from './event.js';
import { validateLimitRange } from './limit-range.js';
import { validateNamespace, validateNamespaceStatusUpdate, validateNamespaceUpdate } from './namespace.js';
import { validateNode, validateNodeUpdate } from './node.js';
import {
  validatePersistentVolume, validatePersistentVolumeStatusUpdate, validatePersistentVolumeUpdate,
} from './persistent-volume.js';
import {
  validatePersistentVolumeClaim, validatePersistentVolumeClaimStatusUpdate, validatePersistentVolumeClaimUpdate,
} from './persistent-volume-claim.js';
import { validatePodStatusUpdate } from './pod-status.js';
import { validatePodTemplate, validatePodTemplateUpdate } from './pod-template.js';
import { validatePodUpdate } from './pod-update.js';
import { validatePod } from './pod.js';
import {
  validateReplicationController, validateReplicationControllerStatusUpdate, validateReplicationControllerUpdate,
} from './replication-controller.js';
import { validateResourceQuota, validateResourceQuotaStatusUpdate, validateResourceQuotaUpdate } from './resource-quota.js';
import { validateServiceAccount, validateServiceAccountUpdate } from './service-account.js';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from './service.js';

export { validatePodTemplateSpec, templateUpdateOptions } from './pod-template.js';
export { podValidationOptions, type PodValidationOptions } from './pod-options.js';
export { validatePodSpec } from './pod-spec.js';
export { validateNodeSelector, validateTolerations, validateTopologySelectorTerm, validateAffinity } from './scheduling.js';
export { validatePersistentVolumeClaimSpec, validatePersistentVolumeClaimTemplate } from './persistent-volume-claim.js';
export { validatePersistentVolumeSpec } from './persistent-volume.js';
export { validateCSIDriverName } from './volume-sources.js';
export { validateEventStrict, validateEventUpdateStrict } from './event.js';
export { validateNamespaceFinalizeUpdate } from './namespace.js';

/**
 * The validation of one core resource. `validateUpdate` re-runs the create rules, as
 * upstream does. `validateStatusUpdate`, where upstream has one, is for the status
 * subresource (the object then carries the old spec and the new status).
 */
export interface CoreValidator {
  validate(obj: ApiObject): FieldError[];
  validateUpdate(obj: ApiObject, old: ApiObject): FieldError[];
  validateStatusUpdate?(obj: ApiObject, old: ApiObject): FieldError[];
}

/** Validators of the core group, by resource plural. */
export const coreValidators: Readonly<Record<string, CoreValidator>> = {
  pods: { validate: validatePod, validateUpdate: validatePodUpdate, validateStatusUpdate: validatePodStatusUpdate },
  podtemplates: { validate: validatePodTemplate, validateUpdate: validatePodTemplateUpdate },
  replicationcontrollers: {
    validate: validateReplicationController,
    validateUpdate: validateReplicationControllerUpdate,
    validateStatusUpdate: validateReplicationControllerStatusUpdate,
  },
  services: { validate: validateService, validateUpdate: validateServiceUpdate, validateStatusUpdate: validateServiceStatusUpdate },
  endpoints: { validate: validateEndpoints, validateUpdate: validateEndpointsUpdate },
  configmaps: { validate: validateConfigMap, validateUpdate: validateConfigMapUpdate },
  secrets: { validate: validateSecret, validateUpdate: validateSecretUpdate },
  namespaces: { validate: validateNamespace, validateUpdate: validateNamespaceUpdate, validateStatusUpdate: validateNamespaceStatusUpdate },
  // Upstream validates node status writes with the update rules.
  nodes: { validate: validateNode, validateUpdate: validateNodeUpdate, validateStatusUpdate: validateNodeUpdate },
  serviceaccounts: { validate: validateServiceAccount, validateUpdate: validateServiceAccountUpdate },
  persistentvolumes: {
    validate: validatePersistentVolume,
    validateUpdate: validatePersistentVolumeUpdate,
    validateStatusUpdate: validatePersistentVolumeStatusUpdate,
  },
  persistentvolumeclaims: {
    validate: (obj) => validatePersistentVolumeClaim(obj),
    validateUpdate: validatePersistentVolumeClaimUpdate,
    validateStatusUpdate: validatePersistentVolumeClaimStatusUpdate,
  },
  resourcequotas: {
    validate: validateResourceQuota,
    validateUpdate: validateResourceQuotaUpdate,
    validateStatusUpdate: validateResourceQuotaStatusUpdate,
  },
  // Upstream's LimitRange strategy checks updates with the create rules only.
  limitranges: { validate: validateLimitRange, validateUpdate: (obj) => validateLimitRange(obj) },
  events: { validate: validateEvent, validateUpdate: (obj) => validateEventUpdate(obj) },
};
