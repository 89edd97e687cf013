// Validation of the rbac.authorization.k8s.io group's resources.

import type { GroupValidators } from '../validator.js';
import { clusterRoleBindingValidator, roleBindingValidator } from './bindings.js';
import { clusterRoleValidator, roleValidator } from './roles.js';

export const rbacValidators: GroupValidators = {
  roles: roleValidator,
  clusterroles: clusterRoleValidator,
  rolebindings: roleBindingValidator,
  clusterrolebindings: clusterRoleBindingValidator,
};
