// LimitRange (upstream's ValidateLimitRange): limit types, resource names per type, and
// consistent bounds: min ≤ default request ≤ default ≤ max, ratios at least 1 and within
// max/min, equal defaults for resources that cannot be overcommitted.

import { duplicate, forbidden, invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { Quantity } from '../../../machinery/quantity.js';
import type { ApiObject } from '../../strategy.js';
import { isEmpty, objects, objOrEmpty, str, type Json } from '../common/json.js';
import { validateObjectMetaOf } from '../common/meta.js';
import { resourceList } from '../common/quantity.js';
import { isOvercommitAllowed, validateContainerResourceName, validateResourceName } from '../common/resource-names.js';

const STANDARD_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
const MAX_MILLI_VALUE = Number.MAX_SAFE_INTEGER / 1000;

function validateTypeName(type: string, path: FieldPath): FieldErrorList {
  const errs = isQualifiedName(type).map((m) => invalid(path, type, m));
  if (errs.length > 0) return errs;
  return !type.includes('/') && !STANDARD_TYPES.has(type) ? [invalid(path, type, 'must be a standard limit type or fully qualified')] : [];
}

function resourceNameCheck(type: string): (name: string, path: FieldPath) => FieldErrorList {
  return type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;
}

/** Go's %f: six decimals. */
function formatF(n: number): string {
  return Number.isFinite(n) ? n.toFixed(6) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
}

type Bounds = Record<'max' | 'min' | 'default' | 'defaultRequest' | 'maxLimitRequestRatio', Map<string, Quantity>>;

function boundErrors(k: string, b: Bounds, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const [min, max, def, req, ratio] = [b.min.get(k), b.max.get(k), b.default.get(k), b.defaultRequest.get(k), b.maxLimitRequestRatio.get(k)];
  const at = (section: string): FieldPath => path.child(section).key(k);
  if (min && max && min.cmp(max) > 0) errs.push(invalid(at('min'), min.toString(), `min value ${min} is greater than max value ${max}`));
  if (req && min && min.cmp(req) > 0) errs.push(invalid(at('defaultRequest'), req.toString(), `min value ${min} is greater than default request value ${req}`));
  if (req && max && req.cmp(max) > 0) errs.push(invalid(at('defaultRequest'), req.toString(), `default request value ${req} is greater than max value ${max}`));
  if (req && def && req.cmp(def) > 0) errs.push(invalid(at('defaultRequest'), req.toString(), `default request value ${req} is greater than default limit value ${def}`));
  if (def && min && min.cmp(def) > 0) errs.push(invalid(at('default'), min.toString(), `min value ${min} is greater than default value ${def}`));
  if (def && max && def.cmp(max) > 0) errs.push(invalid(at('default'), max.toString(), `default value ${def} is greater than max value ${max}`));
  if (ratio && ratio.cmp(Quantity.fromInt(1)) < 0) errs.push(invalid(at('maxLimitRequestRatio'), ratio.toString(), `ratio ${ratio} is less than 1`));
  if (ratio && min && max) {
    let ratioValue = ratio.value();
    let minValue = min.value();
    let maxValue = max.value();
    if (ratioValue < MAX_MILLI_VALUE && minValue < MAX_MILLI_VALUE && maxValue < MAX_MILLI_VALUE) {
      ratioValue = ratio.milliValue() / 1000;
      minValue = min.milliValue();
      maxValue = max.milliValue();
    }
    const limit = maxValue / minValue;
    if (ratioValue > limit) {
      errs.push(invalid(at('maxLimitRequestRatio'), ratio.toString(), `ratio ${ratio} is greater than max/min = ${formatF(limit)}`));
    }
  }
  if (!isOvercommitAllowed(k) && def && req && def.cmp(req) !== 0) {
    errs.push(invalid(at('defaultRequest'), req.toString(), `default value ${def} must equal to defaultRequest value ${req} in ${k}`));
  }
  return errs;
}

function validateLimit(limit: Json, path: FieldPath, seenTypes: Set<string>): FieldErrorList {
  const type = str(limit, 'type');
  const errs = validateTypeName(type, path.child('type'));
  if (seenTypes.has(type)) errs.push(duplicate(path.child('type'), type));
  seenTypes.add(type);
  const nameCheck = resourceNameCheck(type);
  const keys = new Set<string>();
  const bounds: Bounds = { max: new Map(), min: new Map(), default: new Map(), defaultRequest: new Map(), maxLimitRequestRatio: new Map() };
  const collect = (section: keyof Bounds): void => {
    for (const [k, q] of resourceList(limit[section])) {
      errs.push(...nameCheck(k, path.child(section).key(k)));
      keys.add(k);
      bounds[section].set(k, q);
    }
  };
  collect('max');
  collect('min');
  if (type === 'Pod') {
    if (!isEmpty(limit, 'default')) errs.push(forbidden(path.child('default'), "may not be specified when `type` is 'Pod'"));
    if (!isEmpty(limit, 'defaultRequest')) errs.push(forbidden(path.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
  } else {
    collect('default');
    collect('defaultRequest');
  }
  if (type === 'PersistentVolumeClaim' && !bounds.min.has('storage') && !bounds.max.has('storage')) {
    errs.push(required(path.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
  }
  collect('maxLimitRequestRatio');
  for (const k of keys) errs.push(...boundErrors(k, bounds, path));
  return errs;
}

/** A LimitRange, on create and update alike. */
export function validateLimitRange(lr: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(lr, true, nameIsDNSSubdomain);
  const seenTypes = new Set<string>();
  objects(objOrEmpty(lr, 'spec'), 'limits').forEach((limit, i) => errs.push(...validateLimit(limit, root('spec', 'limits').index(i), seenTypes)));
  return errs;
}
