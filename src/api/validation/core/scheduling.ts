// Where a pod may run: node selectors and affinity, pod (anti-)affinity, tolerations,
// topology spread constraints; also node taints and the topology selector terms of
// StorageClasses (upstream's ValidateNodeSelector, validateAffinity, ValidateTolerations,
// validateTopologySpreadConstraints, validateNodeTaints, ValidateTopologySelectorTerm).

import {
  duplicate, FieldError, forbidden, invalid, notSupported, required, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { validateLabelSelector, type LabelSelectorObject } from '../../../machinery/label-selector.js';
import { isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName } from '../../../machinery/name-validation.js';
import { validateLabelName } from '../../../machinery/object-meta-validation.js';
import { has, num, obj, objects, optNum, str, stringMap, strings, type Json } from '../common/json.js';
import { IS_NOT_POSITIVE_ERROR_MSG } from '../common/quantity.js';
import { taintValue } from './internal-values.js';
import type { PodValidationOptions } from './pod-options.js';

/** One matchExpressions entry of a node selector term. */
function validateNodeSelectorRequirement(rq: Json, allowInvalidValues: boolean, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const values = strings(rq, 'values');
  const op = str(rq, 'operator');
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push(invalid(path.child('operator'), op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(rq, 'key'), path.child('key')));
  if (!allowInvalidValues) {
    values.forEach((v, i) => errs.push(...isValidLabelValue(v).map((m) => invalid(path.child('values').index(i), v, m))));
  }
  return errs;
}

/** One matchFields entry: only metadata.name, with In/NotIn and one node name. */
function validateNodeFieldSelectorRequirement(rq: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const op = str(rq, 'operator');
  const values = strings(rq, 'values');
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) {
      errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(invalid(path.child('operator'), op, 'not a valid selector operator'));
  }
  const key = str(rq, 'key');
  if (key !== 'metadata.name') errs.push(invalid(path.child('key'), key, 'not a valid field selector key'));
  else values.forEach((v, i) => errs.push(...nameIsDNSSubdomain(v, false).map((m) => invalid(path.child('values').index(i), v, m))));
  return errs;
}

function validateNodeSelectorTerm(term: Json, allowInvalidValues: boolean, path: FieldPath): FieldErrorList {
  return [
    ...objects(term, 'matchExpressions').flatMap((rq, j) => validateNodeSelectorRequirement(rq, allowInvalidValues, path.child('matchExpressions').index(j))),
    ...objects(term, 'matchFields').flatMap((rq, j) => validateNodeFieldSelectorRequirement(rq, path.child('matchFields').index(j))),
  ];
}

/** A NodeSelector (required node affinity, PV node affinity): at least one term. */
export function validateNodeSelector(selector: Json, allowInvalidValues: boolean, path: FieldPath): FieldErrorList {
  const terms = objects(selector, 'nodeSelectorTerms');
  const termsPath = path.child('nodeSelectorTerms');
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidValues, termsPath.index(i)));
}

/** A topology selector term (StorageClass allowedTopologies): keys unique, values present and unique. */
export function validateTopologySelectorTerm(term: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const keys = new Set<string>();
  objects(term, 'matchLabelExpressions').forEach((rq, i) => {
    const idx = path.child('matchLabelExpressions').index(i);
    const values = strings(rq, 'values');
    if (values.length === 0) errs.push(required(idx.child('values')));
    const seen = new Set<string>();
    values.forEach((v, j) => {
      if (seen.has(v)) errs.push(duplicate(idx.child('values').index(j), v));
      seen.add(v);
    });
    const key = str(rq, 'key');
    errs.push(...validateLabelName(key, idx.child('key')));
    if (keys.has(key)) errs.push(duplicate(idx.child('key'), key));
    keys.add(key);
  });
  return errs;
}

function weightErrors(o: Json, path: FieldPath): FieldErrorList {
  const w = num(o, 'weight');
  return w <= 0 || w > 100 ? [invalid(path.child('weight'), w, 'must be in the range 1-100')] : [];
}

/** A NodeAffinity (a pod's, or the scheduler's NodeAffinityArgs.addedAffinity): its required selector and weighted preferred terms. */
export function validateNodeAffinity(na: Json, opts: PodValidationOptions, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const requiredTerms = obj(na, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (requiredTerms !== undefined) {
    errs.push(...validateNodeSelector(requiredTerms, opts.allowInvalidLabelValueInRequiredNodeAffinity, path.child('requiredDuringSchedulingIgnoredDuringExecution')));
  }
  objects(na, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => {
    const idx = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    // Preferred terms may use invalid label values: they can still match on a one-node cluster.
    errs.push(...weightErrors(term, idx), ...validateNodeSelectorTerm(obj(term, 'preference') ?? {}, true, idx.child('preference')));
  });
  return errs;
}

function selectorKeys(selector: Json | undefined): { matchLabels: string[]; expressions: string[] } {
  return { matchLabels: Object.keys(stringMap(selector, 'matchLabels')), expressions: objects(selector, 'matchExpressions').map((e) => str(e, 'key')) };
}

function validateLabelKeys(keys: readonly string[], selector: Json | undefined, path: FieldPath): FieldErrorList {
  if (keys.length === 0) return [];
  if (selector === undefined) return [forbidden(path, 'must not be specified when labelSelector is not set')];
  return keys.flatMap((k, i) => validateLabelName(k, path.index(i)));
}

function validateMatchAndMismatchLabelKeys(term: Json, path: FieldPath): FieldErrorList {
  const selector = obj(term, 'labelSelector');
  const matchKeys = strings(term, 'matchLabelKeys');
  const mismatchKeys = strings(term, 'mismatchLabelKeys');
  const errs = [...validateLabelKeys(matchKeys, selector, path.child('matchLabelKeys')), ...validateLabelKeys(mismatchKeys, selector, path.child('mismatchLabelKeys'))];
  if (selector !== undefined) {
    const index = new Map(matchKeys.map((k, i) => [k, i]));
    const { matchLabels, expressions } = selectorKeys(selector);
    const inSelector = new Set(matchLabels);
    for (const key of expressions) {
      const i = index.get(key);
      // Upstream indexes the term's own path here, not matchLabelKeys.
      if (i !== undefined && inSelector.has(key)) errs.push(invalid(path.index(i), key, 'exists in both matchLabelKeys and labelSelector'));
      inSelector.add(key);
    }
  }
  const mismatch = new Set(mismatchKeys);
  matchKeys.forEach((k, i) => {
    if (mismatch.has(k)) errs.push(invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errs;
}

function validatePodAffinityTerm(term: Json, allowInvalidValues: boolean, path: FieldPath): FieldErrorList {
  const selOpts = { allowInvalidLabelValueInSelector: allowInvalidValues };
  const errs = [
    ...validateLabelSelector(obj(term, 'labelSelector') as LabelSelectorObject | undefined, path.child('labelSelector'), selOpts),
    ...validateLabelSelector(obj(term, 'namespaceSelector') as LabelSelectorObject | undefined, path.child('namespaceSelector'), selOpts),
  ];
  for (const ns of strings(term, 'namespaces')) errs.push(...validateNamespaceName(ns, false).map((m) => invalid(path.child('namespace'), ns, m)));
  errs.push(...validateMatchAndMismatchLabelKeys(term, path));
  const topologyKey = str(term, 'topologyKey');
  if (topologyKey === '') errs.push(required(path.child('topologyKey'), 'can not be empty'));
  return [...errs, ...validateLabelName(topologyKey, path.child('topologyKey'))];
}

function validatePodAffinityKind(a: Json, allowInvalidValues: boolean, path: FieldPath): FieldErrorList {
  const requiredPath = path.child('requiredDuringSchedulingIgnoredDuringExecution');
  const preferredPath = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  return [
    ...objects(a, 'requiredDuringSchedulingIgnoredDuringExecution').flatMap((t, i) => validatePodAffinityTerm(t, allowInvalidValues, requiredPath.index(i))),
    ...objects(a, 'preferredDuringSchedulingIgnoredDuringExecution').flatMap((w, j) => [
      ...weightErrors(w, preferredPath.index(j)),
      ...validatePodAffinityTerm(obj(w, 'podAffinityTerm') ?? {}, allowInvalidValues, preferredPath.index(j).child('podAffinityTerm')),
    ]),
  ];
}

/** `affinity`: node affinity, pod affinity, pod anti-affinity. */
export function validateAffinity(affinity: Json | undefined, opts: PodValidationOptions, path: FieldPath): FieldErrorList {
  if (affinity === undefined) return [];
  const errs: FieldErrorList = [];
  const na = obj(affinity, 'nodeAffinity');
  if (na !== undefined) errs.push(...validateNodeAffinity(na, opts, path.child('nodeAffinity')));
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = obj(affinity, kind);
    if (a !== undefined) errs.push(...validatePodAffinityKind(a, opts.allowInvalidLabelValueInSelector, path.child(kind)));
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): FieldErrorList {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/** Tolerations: a key with Equal, or Exists; tolerationSeconds only with NoExecute. */
export function validateTolerations(tolerations: readonly Json[], path: FieldPath): FieldErrorList {
  return tolerations.flatMap((t, i) => {
    const idx = path.index(i);
    const errs: FieldErrorList = [];
    const key = str(t, 'key');
    const op = str(t, 'operator');
    const value = str(t, 'value');
    const effect = str(t, 'effect');
    if (key !== '') errs.push(...validateLabelName(key, idx.child('key')));
    if (key === '' && op !== 'Exists') {
      errs.push(invalid(idx.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.push(invalid(idx.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(idx.child('operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value !== '') errs.push(invalid(idx.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(idx.child('operator'), op, ['Equal', 'Exists']));
    }
    if (effect !== '') errs.push(...validateTaintEffect(effect, true, idx.child('effect')));
    return errs;
  });
}

/** Node taints: valid key, value and effect, unique by key and effect. */
export function validateNodeTaints(taints: readonly Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  taints.forEach((taint, i) => {
    const idx = path.index(i);
    const key = str(taint, 'key');
    const value = str(taint, 'value');
    const effect = str(taint, 'effect');
    errs.push(...validateLabelName(key, idx.child('key')));
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(idx.child('value'), value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, idx.child('effect')));
    const id = `${effect}\u0000${key}`;
    if (seen.has(id)) {
      const dup = duplicate(idx, taintValue(taint));
      errs.push(new FieldError(dup.type, dup.field, dup.badValue, 'taints must be unique by key and effect pair'));
    } else seen.add(id);
  });
  return errs;
}

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

function validateSpreadConstraint(c: Json, rest: readonly Json[], path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs: FieldErrorList = [];
  const maxSkew = num(c, 'maxSkew');
  if (maxSkew <= 0) errs.push(invalid(path.child('maxSkew'), maxSkew, IS_NOT_POSITIVE_ERROR_MSG));
  const key = str(c, 'topologyKey');
  if (key === '') errs.push(required(path.child('topologyKey'), 'can not be empty'));
  const action = str(c, 'whenUnsatisfiable');
  if (!SCHEDULE_ACTIONS.includes(action)) errs.push(notSupported(path.child('whenUnsatisfiable'), action, SCHEDULE_ACTIONS));
  if (rest.some((r) => str(r, 'topologyKey') === key && str(r, 'whenUnsatisfiable') === action)) {
    errs.push(duplicate(path.child('{topologyKey, whenUnsatisfiable}'), `{${key}, ${action}}`));
  }
  const minDomains = optNum(c, 'minDomains');
  if (minDomains !== undefined) {
    if (minDomains <= 0) errs.push(invalid(path.child('minDomains'), minDomains, IS_NOT_POSITIVE_ERROR_MSG));
    if (action !== 'DoNotSchedule') {
      errs.push(invalid(path.child('minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
    }
  }
  for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
    const v = c[policy];
    if (typeof v === 'string' && !NODE_INCLUSION_POLICIES.includes(v)) errs.push(notSupported(path.child(policy), v, NODE_INCLUSION_POLICIES));
  }
  errs.push(...validateSpreadMatchLabelKeys(c, path.child('matchLabelKeys')));
  if (!opts.allowInvalidTopologySpreadConstraintLabelSelector) {
    errs.push(...validateLabelSelector(obj(c, 'labelSelector') as LabelSelectorObject | undefined, path.child('labelSelector')));
  }
  return errs;
}

function validateSpreadMatchLabelKeys(c: Json, path: FieldPath): FieldErrorList {
  const keys = strings(c, 'matchLabelKeys');
  if (keys.length === 0) return [];
  const selector = obj(c, 'labelSelector');
  const errs: FieldErrorList = selector === undefined ? [forbidden(path, 'must not be specified when labelSelector is not set')] : [];
  const { matchLabels, expressions } = selectorKeys(selector);
  const inSelector = new Set([...matchLabels, ...expressions]);
  keys.forEach((k, i) => {
    errs.push(...validateLabelName(k, path.index(i)));
    if (inSelector.has(k)) errs.push(invalid(path.index(i), k, 'exists in both matchLabelKeys and labelSelector'));
  });
  return errs;
}

/** `topologySpreadConstraints`. */
export function validateTopologySpreadConstraints(constraints: readonly Json[], path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  return constraints.flatMap((c, i) => validateSpreadConstraint(c, constraints.slice(i + 1), path.index(i), opts));
}
