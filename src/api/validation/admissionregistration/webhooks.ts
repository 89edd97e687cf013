// Validating and mutating webhook configurations: upstream's
// Validate{Validating,Mutating}WebhookConfiguration and their updates. Each webhook has a
// fully qualified name, rules, a declared side-effect class, a client config, accepted
// AdmissionReview versions and match conditions. An update keeps accepting what the
// stored configuration already had (side effects, review versions, duplicate names,
// selector values, unchanged match conditions).
//
// Match condition expressions are CEL; kubets checks that they are present but cannot
// compile them, so CEL errors upstream would report are not reported here.

import {
  duplicate, invalid, notSupported, required, root, tooMany, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objects, objOrEmpty, optNum, optStr, str, strings, type Json } from '../common/json.js';
import { validateQualifiedName } from '../common/names.js';
import { hasInvalidLabelValue } from '../apps/workload-selector.js';
import type { ResourceValidator } from '../validator.js';
import { validateClientConfig } from './client-config.js';
import { validateRuleWithOperations } from './rules.js';

const METADATA = root('metadata');
const WEBHOOKS = root('webhooks');
const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const ALL_SIDE_EFFECTS = ['None', 'NoneOnDryRun', 'Some', 'Unknown'];
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'];
const MAX_MATCH_CONDITIONS = 64;

interface Options {
  readonly ignoreMatchConditions: boolean;
  readonly requireNoSideEffects: boolean;
  readonly requireRecognizedAdmissionReviewVersion: boolean;
  readonly requireUniqueWebhookNames: boolean;
  readonly allowInvalidLabelValueInSelector: boolean;
}

const CREATE_OPTIONS: Options = {
  ignoreMatchConditions: false,
  requireNoSideEffects: true,
  requireRecognizedAdmissionReviewVersion: true,
  requireUniqueWebhookNames: true,
  allowInvalidLabelValueInSelector: false,
};

/** Upstream's IsFullyQualifiedName: a DNS subdomain of at least three segments. */
function validateFullyQualifiedName(name: string, path: FieldPath): FieldErrorList {
  if (name === '') return [required(path, '')];
  const messages = isDNS1123Subdomain(name);
  if (messages.length > 0) return [invalid(path, name, messages.join(','))];
  return name.split('.').length < 3 ? [invalid(path, name, 'should be a domain with at least three segments separated by dots')] : [];
}

function validateMatchConditions(conditions: Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = conditions.length > MAX_MATCH_CONDITIONS ? [tooMany(path, conditions.length, MAX_MATCH_CONDITIONS)] : [];
  const names = new Set<string>();
  conditions.forEach((condition, i) => {
    if (str(condition, 'expression').trim() === '') errs.push(required(path.index(i).child('expression'), ''));
    const name = str(condition, 'name');
    if (name === '') errs.push(required(path.index(i).child('name'), ''));
    else errs.push(...validateQualifiedName(name, path.index(i).child('name')));
    if (name !== '' && names.has(name)) errs.push(duplicate(path.index(i).child('name'), name));
    names.add(name);
  });
  return errs;
}

function validateEnum(value: string | undefined, values: readonly string[], path: FieldPath): FieldErrorList {
  return value !== undefined && !values.includes(value) ? [notSupported(path, value, values)] : [];
}

function validateWebhook(hook: Json, opts: Options, path: FieldPath, mutating: boolean): FieldErrorList {
  const errs = [
    ...validateFullyQualifiedName(str(hook, 'name'), path.child('name')),
    ...objects(hook, 'rules').flatMap((rule, i) => validateRuleWithOperations(rule, path.child('rules').index(i))),
    ...validateEnum(optStr(hook, 'failurePolicy'), FAILURE_POLICIES, path.child('failurePolicy')),
    ...validateEnum(optStr(hook, 'matchPolicy'), MATCH_POLICIES, path.child('matchPolicy')),
  ];
  const allowedSideEffects = opts.requireNoSideEffects ? NO_SIDE_EFFECTS : ALL_SIDE_EFFECTS;
  const sideEffects = optStr(hook, 'sideEffects');
  if (sideEffects === undefined) errs.push(required(path.child('sideEffects'), `must specify one of ${allowedSideEffects.join(', ')}`));
  errs.push(...validateEnum(sideEffects, allowedSideEffects, path.child('sideEffects')));
  const timeout = optNum(hook, 'timeoutSeconds');
  if (timeout !== undefined && (timeout > 30 || timeout < 1)) {
    errs.push(invalid(path.child('timeoutSeconds'), timeout, 'the timeout value must be between 1 and 30 seconds'));
  }
  for (const field of ['namespaceSelector', 'objectSelector']) {
    errs.push(...validateLabelSelector(obj(hook, field), path.child(field), opts));
  }
  if (mutating) errs.push(...validateEnum(optStr(hook, 'reinvocationPolicy'), REINVOCATION_POLICIES, path.child('reinvocationPolicy')));
  errs.push(...validateClientConfig(objOrEmpty(hook, 'clientConfig'), path.child('clientConfig')));
  if (!opts.ignoreMatchConditions) errs.push(...validateMatchConditions(objects(hook, 'matchConditions'), path.child('matchConditions')));
  return errs;
}

function validateReviewVersions(versions: string[], requireRecognized: boolean, path: FieldPath): FieldErrorList {
  if (versions.length === 0) return [required(path, `must specify one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`)];
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(invalid(path.index(i), v, 'duplicate version'));
      return;
    }
    seen.add(v);
    errs.push(...isDNS1035Label(v).map((msg) => invalid(path.index(i), v, msg)));
  });
  if (requireRecognized && !versions.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v))) {
    errs.push(invalid(path, versions, `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  }
  return errs;
}

function validateConfiguration(config: ApiObject, opts: Options, mutating: boolean): FieldErrorList {
  const errs = validateObjectMeta(config.metadata as ObjectMeta, false, nameIsDNSSubdomain, METADATA);
  const names = new Set<string>();
  objects(config, 'webhooks').forEach((hook, i) => {
    const path = WEBHOOKS.index(i);
    errs.push(...validateWebhook(hook, opts, path, mutating));
    errs.push(...validateReviewVersions(strings(hook, 'admissionReviewVersions'), opts.requireRecognizedAdmissionReviewVersion, path.child('admissionReviewVersions')));
    const name = str(hook, 'name');
    if (opts.requireUniqueWebhookNames && name !== '') {
      if (names.has(name)) errs.push(duplicate(path.child('name'), name));
      names.add(name);
    }
  });
  return errs;
}

/** The relaxations an update earns from the stored configuration. */
function updateOptions(config: ApiObject, old: ApiObject): Options {
  const [hooks, oldHooks] = [objects(config, 'webhooks'), objects(old, 'webhooks')];
  const oldNames = oldHooks.map((h) => str(h, 'name'));
  const unchangedConditions =
    hooks.length === oldHooks.length && hooks.every((h, i) => semanticDeepEqual(h.matchConditions, oldHooks[i]?.matchConditions));
  return {
    ignoreMatchConditions: unchangedConditions,
    requireNoSideEffects: oldHooks.every((h) => NO_SIDE_EFFECTS.includes(optStr(h, 'sideEffects') ?? '')),
    requireRecognizedAdmissionReviewVersion: oldHooks.every((h) => {
      const versions = strings(h, 'admissionReviewVersions');
      return versions.length === 0 || versions.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v));
    }),
    requireUniqueWebhookNames: new Set(oldNames).size === oldNames.length,
    allowInvalidLabelValueInSelector: oldHooks.some((h) => hasInvalidLabelValue(h.namespaceSelector) || hasInvalidLabelValue(h.objectSelector)),
  };
}

function configurationValidator(mutating: boolean): ResourceValidator {
  return {
    validate: (config) => validateConfiguration(config, CREATE_OPTIONS, mutating),
    validateUpdate: (config, old) => [
      ...validateObjectMetaUpdate(config.metadata as ObjectMeta, old.metadata as ObjectMeta, METADATA),
      ...validateConfiguration(config, updateOptions(config, old), mutating),
    ],
  };
}

export const validatingWebhookConfigurationValidator = configurationValidator(false);
export const mutatingWebhookConfigurationValidator = configurationValidator(true);
