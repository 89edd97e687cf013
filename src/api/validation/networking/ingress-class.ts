// IngressClass validation: upstream's ValidateIngressClass / ValidateIngressClassUpdate.
// The controller is a domain-prefixed path that never changes; parameters name a
// cluster-wide or namespaced resource.

import { forbidden, invalid, notSupported, required, root, tooLong, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNamespaceName } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objOrEmpty, optStr, str, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateDomainPrefixedPath } from '../domain-prefixed-path.js';
import type { ResourceValidator } from '../validator.js';
import { validateTypedLocalObjectReference } from './ingress.js';

const SPEC = root('spec');
const MAX_CONTROLLER_LENGTH = 250;
const SCOPES = ['Cluster', 'Namespace'];

function validateParameters(params: Json | undefined, path: FieldPath): FieldErrorList {
  if (params === undefined) return [];
  const errs = validateTypedLocalObjectReference(params, path);
  const scope = optStr(params, 'scope');
  if (scope === undefined) return [...errs, required(path.child('scope'), '')];
  const namespace = optStr(params, 'namespace');
  if (!SCOPES.includes(scope)) {
    errs.push(notSupported(path.child('scope'), scope, SCOPES));
  } else if (scope === 'Namespace') {
    if (namespace === undefined) errs.push(required(path.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else errs.push(...validateNamespaceName(namespace, false).map((msg) => invalid(path.child('namespace'), namespace, msg)));
  } else if (namespace !== undefined) {
    errs.push(forbidden(path.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

function validateSpec(spec: Json, path: FieldPath): FieldErrorList {
  const controller = str(spec, 'controller');
  const errs: FieldErrorList = [];
  if (Buffer.byteLength(controller) > MAX_CONTROLLER_LENGTH) errs.push(tooLong(path.child('controller'), MAX_CONTROLLER_LENGTH));
  errs.push(...validateDomainPrefixedPath(path.child('controller'), controller));
  return [...errs, ...validateParameters(obj(spec, 'parameters'), path.child('parameters'))];
}

function validateIngressClass(ingressClass: ApiObject): FieldErrorList {
  return [...validateObjectMetaOf(ingressClass, false, nameIsDNSSubdomain), ...validateSpec(objOrEmpty(ingressClass, 'spec'), SPEC)];
}

export const ingressClassValidator: ResourceValidator = {
  validate: validateIngressClass,
  validateUpdate: (ingressClass, old) => [
    ...validateObjectMetaUpdateOf(ingressClass, old),
    ...validateImmutableField(str(objOrEmpty(ingressClass, 'spec'), 'controller'), str(objOrEmpty(old, 'spec'), 'controller'), SPEC.child('controller')),
    ...validateIngressClass(ingressClass),
  ],
};
