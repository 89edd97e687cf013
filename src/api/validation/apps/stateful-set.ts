// StatefulSet validation: upstream's ValidateStatefulSet / ValidateStatefulSetUpdate. Its
// name is a DNS label (pods take it as their hostname), and an update may change only
// replicas, ordinals, template, updateStrategy, revisionHistoryLimit,
// persistentVolumeClaimRetentionPolicy and minReadySeconds.

import {
  forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { nameIsDNSLabel } from '../../../machinery/name-validation.js';
import { validateAnnotations, validateLabels, validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { num, obj, objOrEmpty, str, stringMap, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateDNS1123Label } from '../common/names.js';
import { goIntOrString, goLabelSelector } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { selectorOf, validateRequiredSelector, validateSelectorMatchesTemplate } from './workload-selector.js';
import { validateLongRunningPodSpec } from './workload-template.js';

const SPEC = root('spec');

/** Spec fields an update may change; everything else must stay as it was. */
const MUTABLE_SPEC_FIELDS = [
  'replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy',
];
const FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
  "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function validateRollingUpdate(rollingUpdate: Json, path: FieldPath): FieldErrorList {
  const errs = validateNonnegativeField(num(rollingUpdate, 'partition'), path.child('partition'));
  const maxUnavailable = rollingUpdate.maxUnavailable;
  if (maxUnavailable === undefined || maxUnavailable === null) return errs;
  const maxPath = path.child('maxUnavailable');
  errs.push(...validatePositiveIntOrPercent(maxUnavailable, maxPath));
  if (intOrPercentValue(maxUnavailable) === 0) errs.push(invalid(maxPath, goIntOrString(maxUnavailable), 'cannot be 0'));
  return [...errs, ...isNotMoreThan100Percent(maxUnavailable, maxPath)];
}

/** The internal RollingUpdateStatefulSetStrategy as upstream prints it. */
function goRollingUpdate(rollingUpdate: Json | undefined): Json | null {
  if (rollingUpdate === undefined) return null;
  return { Partition: num(rollingUpdate, 'partition'), MaxUnavailable: goIntOrString(rollingUpdate.maxUnavailable) };
}

function validateUpdateStrategy(strategy: Json, path: FieldPath): FieldErrorList {
  const rollingUpdate = obj(strategy, 'rollingUpdate');
  switch (str(strategy, 'type')) {
    case '':
      return [required(path, '')];
    case 'OnDelete':
      return rollingUpdate === undefined
        ? []
        : [invalid(path.child('rollingUpdate'), goRollingUpdate(rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'")];
    case 'RollingUpdate':
      return rollingUpdate === undefined ? [] : validateRollingUpdate(rollingUpdate, path.child('rollingUpdate'));
    default: {
      const value = { Type: str(strategy, 'type'), RollingUpdate: goRollingUpdate(rollingUpdate) };
      return [invalid(path, value, "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

function validateRetentionPolicy(policy: Json | undefined, path: FieldPath): FieldErrorList {
  if (policy === undefined) return [];
  return ['whenDeleted', 'whenScaled'].flatMap((field) => {
    const value = str(policy, field);
    return value === 'Retain' || value === 'Delete' ? [] : [notSupported(path.child(field), value, ['Retain', 'Delete'])];
  });
}

/** Labels and annotations only: upstream does not (yet) validate a StatefulSet's pod spec. */
function validateTemplate(template: Json, path: FieldPath): FieldErrorList {
  const meta = obj(template, 'metadata');
  return [
    ...validateLabels(stringMap(meta, 'labels'), path.child('labels')),
    ...validateAnnotations(stringMap(meta, 'annotations'), path.child('annotations')),
  ];
}

function validatePodManagementPolicy(policy: string, path: FieldPath): FieldErrorList {
  if (policy === '') return [required(path, '')];
  if (policy === 'OrderedReady' || policy === 'Parallel') return [];
  return [invalid(path, policy, "must be 'OrderedReady' or 'Parallel'")];
}

/** `newObject`: a create, which (unlike an update of an older object) must name a valid service. */
function validateStatefulSetSpec(spec: Json, path: FieldPath, newObject: boolean): FieldErrorList {
  const errs = [
    ...validatePodManagementPolicy(str(spec, 'podManagementPolicy'), path.child('podManagementPolicy')),
    ...validateUpdateStrategy(objOrEmpty(spec, 'updateStrategy'), path.child('updateStrategy')),
    ...validateRetentionPolicy(obj(spec, 'persistentVolumeClaimRetentionPolicy'), path.child('persistentVolumeClaimRetentionPolicy')),
    ...validateNonnegativeField(num(spec, 'replicas'), path.child('replicas')),
    ...validateNonnegativeField(num(spec, 'minReadySeconds'), path.child('minReadySeconds')),
  ];
  const ordinals = obj(spec, 'ordinals');
  // Upstream names this path with a dot inside one step.
  if (ordinals !== undefined) errs.push(...validateNonnegativeField(num(ordinals, 'start'), path.child('ordinals.start')));
  const serviceName = str(spec, 'serviceName');
  if (newObject && serviceName !== '') errs.push(...validateDNS1123Label(serviceName, path.child('serviceName')));
  errs.push(...validateRequiredSelector(spec, path, 'statefulset'));
  const template = objOrEmpty(spec, 'template');
  const selector = selectorOf(spec.selector);
  if (selector === undefined) {
    errs.push(invalid(path.child('selector'), goLabelSelector(spec.selector), ''));
  } else {
    errs.push(...validateSelectorMatchesTemplate(selector, template, path.child('template')));
    errs.push(...validateTemplate(template, path.child('template')));
  }
  return [...errs, ...validateLongRunningPodSpec(template, path.child('template'), 'StatefulSet')];
}

/** The spec without what an update may change; Go's zero values of the plain fields stand in for absent ones. */
function frozenSpec(spec: Json): Json {
  const frozen: Json = { ...spec, serviceName: str(spec, 'serviceName'), podManagementPolicy: str(spec, 'podManagementPolicy') };
  for (const field of MUTABLE_SPEC_FIELDS) delete frozen[field];
  return frozen;
}

function validateSpecUpdate(obj: ApiObject, old: ApiObject): FieldErrorList {
  const changed = !semanticDeepEqual(frozenSpec(objOrEmpty(obj, 'spec')), frozenSpec(objOrEmpty(old, 'spec')));
  return changed ? [forbidden(SPEC, FORBIDDEN_UPDATE)] : [];
}

export const statefulSetValidator: ResourceValidator = {
  validate: (obj) => [...validateObjectMetaOf(obj, true, nameIsDNSLabel), ...validateStatefulSetSpec(objOrEmpty(obj, 'spec'), SPEC, true)],
  // The name is not checked again: older StatefulSets may have names that are no DNS label.
  validateUpdate: (obj, old) => [
    ...validateObjectMetaUpdateOf(obj, old),
    ...validateStatefulSetSpec(objOrEmpty(obj, 'spec'), SPEC, false),
    ...validateSpecUpdate(obj, old),
  ],
};

