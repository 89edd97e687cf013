// Names of RBAC objects (roles, bindings, and the roles bindings refer to): anything usable
// as a path segment, as upstream's ValidateRBACName (which ignores the generateName case).

import { isValidPathSegmentName, type ValidateNameFunc } from '../../../machinery/name-validation.js';

export const rbacName: ValidateNameFunc = (name) => isValidPathSegmentName(name);

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
