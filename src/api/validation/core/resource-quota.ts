// ResourceQuota (upstream's ValidateResourceQuota and its updates): resource names a
// quota can count, non-negative (whole where countable) amounts, scopes that fit the
// resources, and scopes fixed on update.

import { invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objects, objOrEmpty, str, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { resourceList, validateResourceQuantityValue } from '../common/quantity.js';
import { isStandardQuotaResourceName, validateResourceQuotaResourceName } from '../common/resource-names.js';

const STANDARD_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const POD_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const EXISTS_ONLY_SCOPES = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);
const CONFLICTING_SCOPES: ReadonlyArray<readonly [string, string]> = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];

function scopeFitsResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return POD_COUNT.has(resource);
    default:
      return true;
  }
}

function hardNames(spec: Json): string[] {
  return resourceList(spec.hard).map(([name]) => name).sort();
}

function misfits(scope: string, spec: Json): number {
  return hardNames(spec).filter((k) => isStandardQuotaResourceName(k) && !scopeFitsResource(scope, k)).length;
}

function conflicts(scopes: ReadonlySet<string>): number {
  return CONFLICTING_SCOPES.filter(([a, b]) => scopes.has(a) && scopes.has(b)).length;
}

function validateScopes(spec: Json, path: FieldPath): FieldErrorList {
  const scopes = strings(spec, 'scopes');
  if (scopes.length === 0) return [];
  const errs: FieldErrorList = [];
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.has(scope)) errs.push(invalid(path, scopes, 'unsupported scope'));
    for (let i = misfits(scope, spec); i > 0; i--) errs.push(invalid(path, scopes, 'unsupported scope applied to resource'));
  }
  for (let i = conflicts(new Set(scopes)); i > 0; i--) errs.push(invalid(path, scopes, 'conflicting scopes'));
  return errs;
}

function validateScopeSelector(spec: Json, path: FieldPath): FieldErrorList {
  const selector = obj(spec, 'scopeSelector');
  if (selector === undefined) return [];
  const errs: FieldErrorList = [];
  const exprPath = path.child('matchExpressions');
  const names = new Set<string>();
  for (const req of objects(selector, 'matchExpressions')) {
    const scope = str(req, 'scopeName');
    const op = str(req, 'operator');
    const values = strings(req, 'values');
    if (!STANDARD_SCOPES.has(scope)) errs.push(invalid(exprPath.child('scopeName'), scope, 'unsupported scope'));
    for (let i = misfits(scope, spec); i > 0; i--) errs.push(invalid(exprPath, selector, 'unsupported scope applied to resource'));
    if (EXISTS_ONLY_SCOPES.has(scope) && op !== 'Exists') {
      const detail = 'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ' +
        'ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity';
      errs.push(invalid(exprPath.child('operator'), op, detail));
    }
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(exprPath.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length !== 0) errs.push(invalid(exprPath.child('values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errs.push(invalid(exprPath.child('operator'), op, 'not a valid selector operator'));
    }
    names.add(scope);
  }
  // Upstream prints spec.scopes (not the selector) as the value here.
  for (let i = conflicts(names); i > 0; i--) errs.push(invalid(exprPath, strings(spec, 'scopes'), 'conflicting scopes'));
  return errs;
}

function validateResourceMap(list: unknown, path: FieldPath): FieldErrorList {
  return resourceList(list).flatMap(([name, q]) => [
    ...validateResourceQuotaResourceName(name, path.key(name)),
    ...validateResourceQuantityValue(name, q, path.key(name)),
  ]);
}

/** A quota spec. */
export function validateResourceQuotaSpec(spec: Json, path: FieldPath): FieldErrorList {
  return [...validateResourceMap(spec.hard, path.child('hard')), ...validateScopes(spec, path.child('scopes')), ...validateScopeSelector(spec, path.child('scopeSelector'))];
}

function validateResourceQuotaStatus(status: Json, path: FieldPath): FieldErrorList {
  return [...validateResourceMap(status.hard, path.child('hard')), ...validateResourceMap(status.used, path.child('used'))];
}

/** A new ResourceQuota. */
export function validateResourceQuota(rq: ApiObject): FieldErrorList {
  return [
    ...validateObjectMetaOf(rq, true, nameIsDNSSubdomain),
    ...validateResourceQuotaSpec(objOrEmpty(rq, 'spec'), root('spec')),
    ...validateResourceQuotaStatus(objOrEmpty(rq, 'status'), root('status')),
  ];
}

/** A ResourceQuota update: a valid spec whose scopes did not change. */
export function validateResourceQuotaUpdate(rq: ApiObject, old: ApiObject): FieldErrorList {
  const errs = [...validateObjectMetaUpdateOf(rq, old), ...validateResourceQuotaSpec(objOrEmpty(rq, 'spec'), root('spec'))];
  const scopes = strings(objOrEmpty(rq, 'spec'), 'scopes');
  const next = new Set(scopes);
  const prev = new Set(strings(objOrEmpty(old, 'spec'), 'scopes'));
  if (next.size !== prev.size || [...next].some((s) => !prev.has(s))) errs.push(invalid(root('spec', 'scopes'), scopes, 'field is immutable'));
  return errs;
}

/** A status update: a resourceVersion and valid hard and used amounts. */
export function validateResourceQuotaStatusUpdate(rq: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(rq, old);
  if (!rq.metadata.resourceVersion) errs.push(required(root('resourceVersion')));
  return [...errs, ...validateResourceQuotaStatus(objOrEmpty(rq, 'status'), root('status'))];
}
