// The fields of a Job spec every Job has, whether created directly or from a CronJob's
// jobTemplate (upstream's unexported validateJobSpec): counts, limits, completion mode and
// its Indexed rules, the policies, and a pod template whose pods run to completion.

import { invalid, notSupported, required, tooLong, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import { has, obj, objOrEmpty, optNum, optStr, str, type Json } from '../common/json.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { validatePodTemplateSpec } from '../core/pod-template.js';
import { validateDomainPrefixedPath } from '../domain-prefixed-path.js';
import {
  goSuccessPolicy, validatePodFailurePolicy, validatePodReplacementPolicy, validateSuccessPolicy,
} from './job-policies.js';

const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_MANAGED_BY_LENGTH = 63;

/** Whether the Job counts completions by index. */
export function isIndexed(spec: Json): boolean {
  return str(spec, 'completionMode') === 'Indexed';
}

const NONNEGATIVE_FIELDS = [
  'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex',
] as const;

function validateCounts(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const field of NONNEGATIVE_FIELDS) {
    const value = optNum(spec, field);
    if (value !== undefined) errs.push(...validateNonnegativeField(value, path.child(field)));
  }
  const maxFailedIndexes = optNum(spec, 'maxFailedIndexes');
  if (maxFailedIndexes !== undefined) {
    errs.push(...validateNonnegativeField(maxFailedIndexes, path.child('maxFailedIndexes')));
    if (!has(spec, 'backoffLimitPerIndex')) errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const managedBy = optStr(spec, 'managedBy');
  if (managedBy !== undefined) {
    errs.push(...validateDomainPrefixedPath(path.child('managedBy'), managedBy));
    if (Buffer.byteLength(managedBy) > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(path.child('managedBy'), MAX_MANAGED_BY_LENGTH));
  }
  return errs;
}

/** Limits of an Indexed Job, which tracks every index in its status. */
function validateIndexedLimits(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const completions = optNum(spec, 'completions');
  const parallelism = optNum(spec, 'parallelism');
  const maxFailed = optNum(spec, 'maxFailedIndexes');
  if (completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
    errs.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
  }
  if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
  }
  if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
  }
  if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && has(spec, 'backoffLimitPerIndex')) {
    const when = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (maxFailed === undefined) {
      errs.push(required(path.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    }
    if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
      errs.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${when}`));
    }
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
      errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${when}`));
    }
  }
  return errs;
}

function validateCompletionMode(spec: Json, path: FieldPath): FieldErrorList {
  const mode = optStr(spec, 'completionMode');
  const errs: FieldErrorList = [];
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push(notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
  }
  if (mode === 'Indexed') errs.push(...validateIndexedLimits(spec, path));
  if (mode === undefined || mode === 'NonIndexed') {
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      const value = optNum(spec, field);
      if (value !== undefined) errs.push(invalid(path.child(field), value, 'requires indexed completion mode'));
    }
  }
  return errs;
}

function validatePolicies(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const podFailurePolicy = obj(spec, 'podFailurePolicy');
  if (podFailurePolicy !== undefined) errs.push(...validatePodFailurePolicy(spec, podFailurePolicy, path.child('podFailurePolicy')));
  const successPolicy = obj(spec, 'successPolicy');
  if (successPolicy !== undefined) {
    if (isIndexed(spec)) errs.push(...validateSuccessPolicy(spec, successPolicy, path.child('successPolicy')));
    else errs.push(invalid(path.child('successPolicy'), goSuccessPolicy(successPolicy), 'requires indexed completion mode'));
  }
  return [...errs, ...validatePodReplacementPolicy(spec, path.child('podReplacementPolicy'))];
}

/** Pods of a Job run to completion: restartPolicy OnFailure or Never (Never with a podFailurePolicy). */
function validateRestartPolicy(spec: Json, path: FieldPath): FieldErrorList {
  const restartPolicy = str(objOrEmpty(objOrEmpty(spec, 'template'), 'spec'), 'restartPolicy');
  const restartPath = path.child('template', 'spec', 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') return [required(restartPath, 'valid values: "OnFailure", "Never"')];
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') return [notSupported(restartPath, restartPolicy, ['OnFailure', 'Never'])];
  if (has(spec, 'podFailurePolicy') && restartPolicy !== 'Never') {
    return [invalid(restartPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified')];
  }
  return [];
}

/** Upstream's validateJobSpec: everything but the selector. */
export function validateJobSpecFields(spec: Json, path: FieldPath, podOpts?: PodValidationOptions): FieldErrorList {
  return [
    ...validateCounts(spec, path),
    ...validateCompletionMode(spec, path),
    ...validatePolicies(spec, path),
    ...validatePodTemplateSpec(objOrEmpty(spec, 'template'), path.child('template'), podOpts),
    ...validateRestartPolicy(spec, path),
  ];
}
