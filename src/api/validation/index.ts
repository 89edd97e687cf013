// Validation of every built-in resource, by API group and resource: what a strategy calls
// as its validate / validateUpdate (upstream's pkg/apis/<group>/validation, with what the
// registry strategies add). Resources without an entry have no per-kind validation.

import { admissionRegistrationValidators } from './admissionregistration/index.js';
import { appsValidators } from './apps/index.js';
import { autoscalingValidators } from './autoscaling/index.js';
import { batchValidators } from './batch/index.js';
import { certificatesValidators } from './certificates/index.js';
import { coordinationValidators } from './coordination/index.js';
import { coreValidators } from './core/index.js';
import { discoveryValidators } from './discovery/index.js';
import { networkingValidators } from './networking/index.js';
import { nodeValidators } from './node/index.js';
import { policyValidators } from './policy/index.js';
import { rbacValidators } from './rbac/index.js';
import { schedulingValidators } from './scheduling/index.js';
import { storageValidators } from './storage/index.js';
import type { GroupValidators, ResourceValidator } from './validator.js';

export type { ResourceValidator } from './validator.js';

/** Validators by API group (the core group is ''). */
const BY_GROUP: ReadonlyMap<string, GroupValidators> = new Map([
  ['', coreValidators],
  ['apps', appsValidators],
  ['batch', batchValidators],
  ['autoscaling', autoscalingValidators],
  ['policy', policyValidators],
  ['networking.k8s.io', networkingValidators],
  ['discovery.k8s.io', discoveryValidators],
  ['rbac.authorization.k8s.io', rbacValidators],
  ['coordination.k8s.io', coordinationValidators],
  ['scheduling.k8s.io', schedulingValidators],
  ['storage.k8s.io', storageValidators],
  ['node.k8s.io', nodeValidators],
  ['certificates.k8s.io', certificatesValidators],
  ['admissionregistration.k8s.io', admissionRegistrationValidators],
]);

/** The validator of `resource` (plural, e.g. `deployments`) in `group`, or undefined when it has none. */
export function validatorFor(group: string, resource: string): ResourceValidator | undefined {
  const validators = BY_GROUP.get(group);
  return validators !== undefined && Object.hasOwn(validators, resource) ? validators[resource] : undefined;
}
