// Ingress validation: upstream's ValidateIngressCreate / ValidateIngressUpdate. Rules name
// hosts (DNS names, `*.` wildcards allowed) and HTTP paths whose type decides their form;
// every backend is a Service port or another resource, never both. An update keeps
// accepting the invalid TLS secret names and wildcard rules an older object already has.

import { invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import {
  isDNS1035Label, isDNS1123Subdomain, isValidPathSegmentName, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain,
  nameIsDNSSubdomain,
} from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { has, obj, objects, objOrEmpty, optStr, str, stringMap, strings, type Json } from '../common/json.js';
import { parseIP } from '../common/ip.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import type { ResourceValidator } from '../validator.js';

const SPEC = root('spec');
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

interface Options {
  readonly allowInvalidSecretName: boolean;
  readonly allowInvalidWildcardHostRule: boolean;
}

function check(messages: string[], path: FieldPath, value: string): FieldErrorList {
  return messages.map((msg) => invalid(path, value, msg));
}

/** A reference to a resource in the Ingress's namespace (also IngressClass parameters). */
export function validateTypedLocalObjectReference(ref: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const apiGroup = optStr(ref, 'apiGroup');
  if (apiGroup !== undefined) errs.push(...check(isDNS1123Subdomain(apiGroup), path.child('apiGroup'), apiGroup));
  for (const field of ['kind', 'name']) {
    const value = str(ref, field);
    if (value === '') errs.push(required(path.child(field), `${field} is required`));
    else errs.push(...check(isValidPathSegmentName(value), path.child(field), value));
  }
  return errs;
}

function validateServiceBackend(service: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(service, 'name');
  if (name === '') errs.push(required(path.child('service', 'name'), ''));
  else errs.push(...check(isDNS1035Label(name), path.child('service', 'name'), name));
  const port = objOrEmpty(service, 'port');
  const portName = str(port, 'name');
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') errs.push(...check(isValidPortName(portName), path.child('service', 'port', 'name'), portName));
  else if (portNumber !== 0) errs.push(...isValidPortNum(portNumber).map((msg) => invalid(path.child('service', 'port', 'number'), portNumber, msg)));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validateBackend(backend: Json, path: FieldPath): FieldErrorList {
  const resource = obj(backend, 'resource');
  const service = obj(backend, 'service');
  if (resource !== undefined && service !== undefined) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (resource !== undefined) return validateTypedLocalObjectReference(resource, path.child('resource'));
  if (service !== undefined) return validateServiceBackend(service, path);
  return [invalid(path, '', 'resource or service backend is required')];
}

function validatePathValue(value: string, pathType: string, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (pathType === 'ImplementationSpecific') {
    if (value !== '' && !value.startsWith('/')) errs.push(invalid(path, value, 'must be an absolute path'));
    return errs;
  }
  if (!value.startsWith('/')) errs.push(invalid(path, value, 'must be an absolute path'));
  if (value === '') return errs;
  for (const sequence of INVALID_PATH_SEQUENCES) {
    if (value.includes(sequence)) errs.push(invalid(path, value, `must not contain '${sequence}'`));
  }
  for (const suffix of INVALID_PATH_SUFFIXES) {
    if (value.endsWith(suffix)) errs.push(invalid(path, value, `cannot end with '${suffix}'`));
  }
  return errs;
}

function validateHTTPPath(httpPath: Json, path: FieldPath): FieldErrorList {
  const pathType = optStr(httpPath, 'pathType');
  if (pathType === undefined) return [required(path.child('pathType'), 'pathType must be specified')];
  const errs = PATH_TYPES.includes(pathType)
    ? validatePathValue(str(httpPath, 'path'), pathType, path.child('path'))
    : [notSupported(path.child('pathType'), pathType, PATH_TYPES)];
  return [...errs, ...validateBackend(objOrEmpty(httpPath, 'backend'), path.child('backend'))];
}

function validateRuleValue(rule: Json, path: FieldPath): FieldErrorList {
  const http = obj(rule, 'http');
  if (http === undefined) return [];
  const paths = objects(http, 'paths');
  const errs: FieldErrorList = paths.length === 0 ? [required(path.child('http', 'paths'), '')] : [];
  paths.forEach((p, i) => errs.push(...validateHTTPPath(p, path.child('http', 'paths').index(i))));
  return errs;
}

/** A host: a DNS name (not an IP address), `*.` wildcards allowed. */
function validateHost(host: string, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (parseIP(host) !== undefined) errs.push(invalid(path, host, 'must be a DNS name, not an IP address'));
  const messages = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  return [...errs, ...check(messages, path, host)];
}

function validateRules(rules: Json[], path: FieldPath, opts: Options): FieldErrorList {
  return rules.flatMap((rule, i) => {
    const host = str(rule, 'host');
    const errs = host === '' ? [] : validateHost(host, path.index(i).child('host'));
    const wildcard = host.includes('*');
    if (!wildcard || !opts.allowInvalidWildcardHostRule) errs.push(...validateRuleValue(rule, path.index(i)));
    return errs;
  });
}

function validateTLS(tls: Json[], path: FieldPath, opts: Options): FieldErrorList {
  return tls.flatMap((entry, i) => {
    const errs = strings(entry, 'hosts').flatMap((host, j) => {
      const messages = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      return check(messages, path.index(i).child('hosts').index(j), host);
    });
    const secretName = str(entry, 'secretName');
    if (!opts.allowInvalidSecretName && secretName !== '') {
      errs.push(...check(nameIsDNSSubdomain(secretName, false), path.index(i).child('secretName'), secretName));
    }
    return errs;
  });
}

function validateSpec(spec: Json, path: FieldPath, opts: Options): FieldErrorList {
  const errs: FieldErrorList = [];
  const rules = objects(spec, 'rules');
  const defaultBackend = obj(spec, 'defaultBackend');
  if (rules.length === 0 && defaultBackend === undefined) {
    errs.push(invalid(path, has(spec, 'rules') ? [] : null, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (defaultBackend !== undefined) errs.push(...validateBackend(defaultBackend, path.child('defaultBackend')));
  errs.push(...validateRules(rules, path.child('rules'), opts));
  errs.push(...validateTLS(objects(spec, 'tls'), path.child('tls'), opts));
  const className = optStr(spec, 'ingressClassName');
  if (className !== undefined) errs.push(...check(nameIsDNSSubdomain(className, false), path.child('ingressClassName'), className));
  return errs;
}

function validateIngress(ingress: ApiObject, opts: Options): FieldErrorList {
  return [...validateObjectMetaOf(ingress, true, nameIsDNSSubdomain), ...validateSpec(objOrEmpty(ingress, 'spec'), SPEC, opts)];
}

/** The legacy class annotation, when set, must agree with spec.ingressClassName. */
function validateClassAnnotation(ingress: ApiObject): FieldErrorList {
  const annotations = stringMap(ingress.metadata, 'annotations');
  const className = optStr(objOrEmpty(ingress, 'spec'), 'ingressClassName');
  const annotation = annotations[INGRESS_CLASS_ANNOTATION];
  if (annotation === undefined || className === undefined || annotation === className) return [];
  return [invalid(root('annotations').child(INGRESS_CLASS_ANNOTATION), annotation, 'must match `ingressClassName` when both are specified')];
}

/** Options of an update: what the stored object already gets away with stays allowed. */
function updateOptions(old: ApiObject): Options {
  const spec = objOrEmpty(old, 'spec');
  const invalidSecret = (t: Json): boolean => str(t, 'secretName') !== '' && nameIsDNSSubdomain(str(t, 'secretName'), false).length > 0;
  const invalidWildcardRule = (r: Json): boolean => str(r, 'host').includes('*') && validateRuleValue(r, SPEC).length > 0;
  return {
    allowInvalidSecretName: objects(spec, 'tls').some(invalidSecret),
    allowInvalidWildcardHostRule: objects(spec, 'rules').some(invalidWildcardRule),
  };
}

export const ingressValidator: ResourceValidator = {
  validate: (ingress) => [
    ...validateIngress(ingress, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false }),
    ...validateClassAnnotation(ingress),
  ],
  validateUpdate: (ingress, old) => [...validateObjectMetaUpdateOf(ingress, old), ...validateIngress(ingress, updateOptions(old))],
};
