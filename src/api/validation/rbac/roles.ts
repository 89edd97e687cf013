// Role and ClusterRole validation: upstream's ValidateRole / ValidateClusterRole (and their
// updates, which validate the object again plus its metadata update). A rule grants verbs
// on resources of API groups, or (cluster roles only) on non-resource URLs, never both.

import { invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objects, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { hasInvalidLabelValue, selectorOf } from '../apps/workload-selector.js';
import type { ResourceValidator } from '../validator.js';
import { rbacName } from './names.js';

/** One rule of a role. */
function validatePolicyRule(rule: Json, namespaced: boolean, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (strings(rule, 'verbs').length === 0) errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = strings(rule, 'nonResourceURLs');
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    const hasResources = ['apiGroups', 'resources', 'resourceNames'].some((f) => strings(rule, f).length > 0);
    if (hasResources) errs.push(invalid(path.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    return errs;
  }
  if (strings(rule, 'apiGroups').length === 0) errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (strings(rule, 'resources').length === 0) errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(role: ApiObject, namespaced: boolean): FieldErrorList {
  return objects(role, 'rules').flatMap((rule, i) => validatePolicyRule(rule, namespaced, root('rules').index(i)));
}

function validateAggregationRule(role: ApiObject, allowInvalidLabelValueInSelector: boolean): FieldErrorList {
  const rule = obj(role, 'aggregationRule');
  if (rule === undefined) return [];
  const path = root('aggregationRule', 'clusterRoleSelectors');
  const selectors = objects(rule, 'clusterRoleSelectors');
  const errs: FieldErrorList = [];
  if (selectors.length === 0) errs.push(required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
  selectors.forEach((selector, i) => {
    errs.push(...validateLabelSelector(selector, path.index(i), { allowInvalidLabelValueInSelector }));
    // Upstream reports the selector it failed to build, which is nil.
    if (selectorOf(selector) === undefined) errs.push(invalid(path.index(i), null, 'invalid label selector.'));
  });
  return errs;
}

function validateRole(role: ApiObject): FieldErrorList {
  return [...validateObjectMetaOf(role, true, rbacName), ...validateRules(role, true)];
}

function validateClusterRole(role: ApiObject, allowInvalidLabelValueInSelector: boolean): FieldErrorList {
  return [
    ...validateObjectMetaOf(role, false, rbacName),
    ...validateRules(role, false),
    ...validateAggregationRule(role, allowInvalidLabelValueInSelector),
  ];
}

function oldSelectorsHaveInvalidValues(old: ApiObject): boolean {
  return objects(obj(old, 'aggregationRule'), 'clusterRoleSelectors').some(hasInvalidLabelValue);
}

export const roleValidator: ResourceValidator = {
  validate: validateRole,
  validateUpdate: (role, old) => [...validateRole(role), ...validateObjectMetaUpdateOf(role, old)],
};

export const clusterRoleValidator: ResourceValidator = {
  validate: (role) => validateClusterRole(role, false),
  validateUpdate: (role, old) => [...validateClusterRole(role, oldSelectorsHaveInvalidValues(old)), ...validateObjectMetaUpdateOf(role, old)],
};
