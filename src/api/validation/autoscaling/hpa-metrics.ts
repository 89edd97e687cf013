// The metrics of a HorizontalPodAutoscaler (autoscaling/v2, the stored form): each names
// one source, and that source its metric and a target of the right kind, as upstream's
// validateMetrics checks them.

import { forbidden, invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isValidPathSegmentName } from '../../../machinery/name-validation.js';
import { has, objects, objOrEmpty, optNum, str, type Json } from '../common/json.js';
import { validateDNS1123Label } from '../common/names.js';
import { quantityOf } from '../common/quantity.js';
import { validateContainerResourceName } from '../common/resource-names.js';

/** The metric source types, sorted as upstream lists them. */
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

/** The field of each source type, in the order upstream looks at them. */
const SOURCE_FIELDS: ReadonlyArray<readonly [field: string, type: string]> = [
  ['object', 'Object'],
  ['external', 'External'],
  ['pods', 'Pods'],
  ['resource', 'Resource'],
  ['containerResource', 'ContainerResource'],
];

/** A name usable as a path segment (kinds, object and metric names). */
function validatePathSegment(value: string, path: FieldPath, missing: string): FieldErrorList {
  if (value === '') return [required(path, missing)];
  return isValidPathSegmentName(value).map((msg) => invalid(path, value, msg));
}

/** A reference to the scaled object or a described object: kind and name. */
export function validateCrossVersionObjectReference(ref: Json, path: FieldPath): FieldErrorList {
  return [...validatePathSegment(str(ref, 'kind'), path.child('kind'), ''), ...validatePathSegment(str(ref, 'name'), path.child('name'), '')];
}

function validatePositiveQuantity(value: unknown, path: FieldPath): FieldErrorList {
  const q = quantityOf(value);
  if (q === undefined || q.sign() === 1) return [];
  return [invalid(path, q.toString(), 'must be positive')];
}

function validateMetricTarget(target: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const type = str(target, 'type');
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(invalid(path.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  errs.push(...validatePositiveQuantity(target.value, path.child('value')));
  errs.push(...validatePositiveQuantity(target.averageValue, path.child('averageValue')));
  const utilization = optNum(target, 'averageUtilization');
  if (utilization !== undefined && utilization < 1) errs.push(invalid(path.child('averageUtilization'), utilization, 'must be greater than 0'));
  return errs;
}

function validateMetricIdentifier(metric: Json, path: FieldPath): FieldErrorList {
  return validatePathSegment(str(metric, 'name'), path.child('name'), 'must specify a metric name');
}

function validateObjectSource(src: Json, path: FieldPath): FieldErrorList {
  const target = objOrEmpty(src, 'target');
  const errs = [
    ...validateCrossVersionObjectReference(objOrEmpty(src, 'describedObject'), path.child('describedObject')),
    ...validateMetricIdentifier(objOrEmpty(src, 'metric'), path.child('metric')),
    ...validateMetricTarget(target, path.child('target')),
  ];
  if (!has(target, 'value') && !has(target, 'averageValue')) {
    errs.push(required(path.child('target', 'averageValue'), 'must set either a target value or averageValue'));
  }
  return errs;
}

function validateExternalSource(src: Json, path: FieldPath): FieldErrorList {
  const target = objOrEmpty(src, 'target');
  const errs = [...validateMetricIdentifier(objOrEmpty(src, 'metric'), path.child('metric')), ...validateMetricTarget(target, path.child('target'))];
  if (!has(target, 'value') && !has(target, 'averageValue')) {
    errs.push(required(path.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
  }
  if (has(target, 'value') && has(target, 'averageValue')) {
    errs.push(forbidden(path.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'));
  }
  return errs;
}

function validatePodsSource(src: Json, path: FieldPath): FieldErrorList {
  const target = objOrEmpty(src, 'target');
  const errs = [...validateMetricIdentifier(objOrEmpty(src, 'metric'), path.child('metric')), ...validateMetricTarget(target, path.child('target'))];
  if (!has(target, 'averageValue')) errs.push(required(path.child('target', 'averageValue'), 'must specify a positive target averageValue'));
  return errs;
}

/** The target of a resource metric: a utilization or a raw average value, not both. */
function validateResourceTarget(target: Json, path: FieldPath): FieldErrorList {
  const errs = validateMetricTarget(target, path);
  const hasUtilization = has(target, 'averageUtilization');
  const hasValue = has(target, 'averageValue');
  if (!hasUtilization && !hasValue) errs.push(required(path.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
  if (hasUtilization && hasValue) errs.push(forbidden(path.child('averageValue'), 'may not set both a target raw value and a target utilization'));
  return errs;
}

function validateResourceSource(src: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(src, 'name') === '') errs.push(required(path.child('name'), 'must specify a resource name'));
  return [...errs, ...validateResourceTarget(objOrEmpty(src, 'target'), path.child('target'))];
}

function validateContainerResourceSource(src: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(src, 'name');
  if (name === '') errs.push(required(path.child('name'), 'must specify a resource name'));
  else errs.push(...validateContainerResourceName(name, path.child('name')));
  const container = str(src, 'container');
  if (container === '') errs.push(required(path.child('container'), 'must specify a container'));
  else errs.push(...validateDNS1123Label(container, path.child('container')));
  return [...errs, ...validateResourceTarget(objOrEmpty(src, 'target'), path.child('target'))];
}

const SOURCE_VALIDATORS: Readonly<Record<string, (src: Json, path: FieldPath) => FieldErrorList>> = {
  object: validateObjectSource,
  external: validateExternalSource,
  pods: validatePodsSource,
  resource: validateResourceSource,
  containerResource: validateContainerResourceSource,
};

function validateMetricSpec(metric: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const type = str(metric, 'type');
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, METRIC_SOURCE_TYPES));
  // Only the first source present is validated; the others are refused below.
  const present = SOURCE_FIELDS.filter(([field]) => has(metric, field)).map(([field]) => field);
  const first = present[0];
  if (first !== undefined) errs.push(...(SOURCE_VALIDATORS[first]?.(objOrEmpty(metric, first), path.child(first)) ?? []));
  const expected = SOURCE_FIELDS.find(([, sourceType]) => sourceType === type)?.[0];
  if (expected === undefined) errs.push(notSupported(path.child('type'), type, METRIC_SOURCE_TYPES));
  else if (!has(metric, expected)) errs.push(required(path.child(expected), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const field of present.filter((f) => f !== expected)) errs.push(forbidden(path.child(field), 'must populate the given metric source only'));
  }
  return errs;
}

/** spec.metrics; scaling to zero needs an Object or External metric. */
export function validateMetrics(spec: Json, path: FieldPath): FieldErrorList {
  const metrics = objects(spec, 'metrics');
  const errs = metrics.flatMap((metric, i) => validateMetricSpec(metric, path.index(i)));
  const scaleToZero = optNum(spec, 'minReplicas') === 0;
  const hasObjectOrExternal = metrics.some((m) => str(m, 'type') === 'Object' || str(m, 'type') === 'External');
  if (scaleToZero && !hasObjectOrExternal) {
    errs.push(forbidden(path, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  return errs;
}

