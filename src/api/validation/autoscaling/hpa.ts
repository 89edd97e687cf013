// HorizontalPodAutoscaler validation: upstream's ValidateHorizontalPodAutoscaler /
// ValidateHorizontalPodAutoscalerUpdate over the autoscaling/v2 form, which is also how
// autoscaling/v1 objects are stored. Scaling to zero (the alpha HPAScaleToZero gate) is
// off, so minReplicas must be at least 1 unless a stored object already has 0.

import { invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { num, obj, objects, objOrEmpty, optNum, optStr, str, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { quantityOf } from '../common/quantity.js';
import type { ResourceValidator } from '../validator.js';
import { validateCrossVersionObjectReference, validateMetrics } from './hpa-metrics.js';

const SPEC = root('spec');
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];

function validateScalingPolicy(policy: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const type = str(policy, 'type');
  if (!POLICY_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, POLICY_TYPES));
  const value = num(policy, 'value');
  if (value <= 0) errs.push(invalid(path.child('value'), value, 'must be greater than zero'));
  const period = num(policy, 'periodSeconds');
  if (period <= 0) errs.push(invalid(path.child('periodSeconds'), period, 'must be greater than zero'));
  if (period > MAX_PERIOD_SECONDS) errs.push(invalid(path.child('periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  return errs;
}

function validateScalingRules(rules: Json | undefined, path: FieldPath): FieldErrorList {
  if (rules === undefined) return [];
  const errs: FieldErrorList = [];
  const window = optNum(rules, 'stabilizationWindowSeconds');
  const windowPath = path.child('stabilizationWindowSeconds');
  if (window !== undefined && window < 0) errs.push(invalid(windowPath, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(windowPath, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  const selectPolicy = optStr(rules, 'selectPolicy');
  if (selectPolicy !== undefined && !SELECT_POLICIES.includes(selectPolicy)) {
    errs.push(notSupported(path.child('selectPolicy'), selectPolicy, SELECT_POLICIES));
  }
  const tolerance = quantityOf(rules.tolerance);
  if (tolerance !== undefined && tolerance.sign() < 0) {
    errs.push(invalid(path.child('tolerance'), tolerance.toString(), 'must be greater than or equal to zero'));
  }
  const policies = objects(rules, 'policies');
  if (policies.length === 0) errs.push(required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((policy, i) => errs.push(...validateScalingPolicy(policy, path.child('policies').index(i))));
  return errs;
}

function validateBehavior(behavior: Json | undefined, path: FieldPath): FieldErrorList {
  if (behavior === undefined) return [];
  return [...validateScalingRules(obj(behavior, 'scaleUp'), path.child('scaleUp')), ...validateScalingRules(obj(behavior, 'scaleDown'), path.child('scaleDown'))];
}

function validateSpec(spec: Json, path: FieldPath, minReplicasLowerBound: number): FieldErrorList {
  const errs: FieldErrorList = [];
  const minReplicas = optNum(spec, 'minReplicas');
  const maxReplicas = num(spec, 'maxReplicas');
  if (minReplicas !== undefined && minReplicas < minReplicasLowerBound) {
    errs.push(invalid(path.child('minReplicas'), minReplicas, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  if (maxReplicas < 1) errs.push(invalid(path.child('maxReplicas'), maxReplicas, 'must be greater than 0'));
  if (minReplicas !== undefined && maxReplicas < minReplicas) {
    errs.push(invalid(path.child('maxReplicas'), maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  return [
    ...errs,
    ...validateCrossVersionObjectReference(objOrEmpty(spec, 'scaleTargetRef'), path.child('scaleTargetRef')),
    ...validateMetrics(spec, path.child('metrics')),
    ...validateBehavior(obj(spec, 'behavior'), path.child('behavior')),
  ];
}

export const horizontalPodAutoscalerValidator: ResourceValidator = {
  validate: (hpa) => [...validateObjectMetaOf(hpa, true, nameIsDNSSubdomain), ...validateSpec(objOrEmpty(hpa, 'spec'), SPEC, 1)],
  validateUpdate: (hpa: ApiObject, old: ApiObject) => {
    // An autoscaler stored with minReplicas 0 keeps being allowed to scale to zero.
    const lowerBound = optNum(objOrEmpty(old, 'spec'), 'minReplicas') === 0 ? 0 : 1;
    return [...validateObjectMetaUpdateOf(hpa, old), ...validateSpec(objOrEmpty(hpa, 'spec'), SPEC, lowerBound)];
  },
};
