// RoleBinding and ClusterRoleBinding validation: upstream's ValidateRoleBinding /
// ValidateClusterRoleBinding and their updates. A binding refers to one role, which can
// never change, and grants it to users, groups and service accounts.

import { invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { objects, objOrEmpty, str, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import type { ResourceValidator } from '../validator.js';
import { RBAC_GROUP, rbacName } from './names.js';

const ROLE_REF = root('roleRef');

/** One subject of a binding. */
function validateSubject(subject: Json, namespaced: boolean, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(subject, 'name');
  const apiGroup = str(subject, 'apiGroup');
  if (name === '') errs.push(required(path.child('name'), ''));
  switch (str(subject, 'kind')) {
    case 'ServiceAccount':
      if (name !== '') errs.push(...nameIsDNSSubdomain(name, false).map((msg) => invalid(path.child('name'), name, msg)));
      if (apiGroup !== '') errs.push(notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && str(subject, 'namespace') === '') errs.push(required(path.child('namespace'), ''));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(path.child('kind'), str(subject, 'kind'), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateRoleRef(binding: ApiObject, kinds: readonly string[]): FieldErrorList {
  const roleRef = objOrEmpty(binding, 'roleRef');
  const errs: FieldErrorList = [];
  const apiGroup = str(roleRef, 'apiGroup');
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported(ROLE_REF.child('apiGroup'), apiGroup, [RBAC_GROUP]));
  const kind = str(roleRef, 'kind');
  if (!kinds.includes(kind)) errs.push(notSupported(ROLE_REF.child('kind'), kind, kinds));
  const name = str(roleRef, 'name');
  if (name === '') errs.push(required(ROLE_REF.child('name'), ''));
  else errs.push(...rbacName(name, false).map((msg) => invalid(ROLE_REF.child('name'), name, msg)));
  return errs;
}

function validateBinding(binding: ApiObject, namespaced: boolean): FieldErrorList {
  return [
    ...validateObjectMetaOf(binding, namespaced, rbacName),
    ...validateRoleRef(binding, namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole']),
    ...objects(binding, 'subjects').flatMap((s, i) => validateSubject(s, namespaced, root('subjects').index(i))),
  ];
}

/** The internal RoleRef as upstream prints it (Go field names). */
function goRoleRef(binding: ApiObject): Json {
  const roleRef = objOrEmpty(binding, 'roleRef');
  return { APIGroup: str(roleRef, 'apiGroup'), Kind: str(roleRef, 'kind'), Name: str(roleRef, 'name') };
}

function validateRoleRefUnchanged(binding: ApiObject, old: ApiObject): FieldErrorList {
  const [now, before] = [goRoleRef(binding), goRoleRef(old)];
  const changed = now.APIGroup !== before.APIGroup || now.Kind !== before.Kind || now.Name !== before.Name;
  return changed ? [invalid(ROLE_REF, now, 'cannot change roleRef')] : [];
}

function bindingValidator(namespaced: boolean): ResourceValidator {
  return {
    validate: (binding) => validateBinding(binding, namespaced),
    validateUpdate: (binding, old) => [
      ...validateBinding(binding, namespaced),
      ...validateObjectMetaUpdateOf(binding, old),
      ...validateRoleRefUnchanged(binding, old),
    ],
  };
}

export const roleBindingValidator = bindingValidator(true);
export const clusterRoleBindingValidator = bindingValidator(false);
