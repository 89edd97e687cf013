// The policies of a Job spec: podFailurePolicy (what a failed pod means), successPolicy
// (when an Indexed Job counts as succeeded) and podReplacementPolicy, as upstream's
// batch validation checks them.

import {
  duplicate, FieldError, invalid, notSupported, required, tooLong, tooMany, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { goQuote } from '../../../machinery/go-format.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import { has, list, num, obj, objects, objOrEmpty, optNum, optStr, str, type Json } from '../common/json.js';
import { validateQualifiedName } from '../common/names.js';
import { goPointer } from '../go-values.js';
import { countIndexes, IndexSetError } from './job-indexes.js';

const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const MAX_SUCCESS_POLICY_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const ON_EXIT_CODES_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/** Go's `%q` of a []string: `["a" "b"]`. */
function quotedList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

/** An Invalid error whose message leaves the value out (upstream's field.OmitValueType). */
function invalidWithoutValue(path: FieldPath, detail: string): FieldError {
  return new FieldError('FieldValueInvalid', path.toString(), '', detail, true);
}

function containerNames(spec: Json): Set<string> {
  const podSpec = objOrEmpty(objOrEmpty(spec, 'template'), 'spec');
  return new Set([...objects(podSpec, 'containers'), ...objects(podSpec, 'initContainers')].map((c) => str(c, 'name')));
}

function validateExitCodeValues(onExitCodes: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const values = list(onExitCodes, 'values').map((v) => (typeof v === 'number' ? v : 0));
  if (values.length === 0) errs.push(invalid(path, has(onExitCodes, 'values') ? values : null, 'at least one value is required'));
  else if (values.length > MAX_ON_EXIT_CODES_VALUES) errs.push(tooMany(path, values.length, MAX_ON_EXIT_CODES_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((value, j) => {
    if (str(onExitCodes, 'operator') === 'In' && value === 0) errs.push(invalid(path.index(j), value, 'must not be 0 for the In operator'));
    if (seen.has(value)) errs.push(duplicate(path.index(j), value));
    else seen.add(value);
    if (j > 0 && (values[j - 1] ?? 0) > value) ordered = false;
  });
  if (!ordered) errs.push(invalid(path, values, 'must be ordered'));
  return errs;
}

function validateOnExitCodes(onExitCodes: Json, path: FieldPath, names: ReadonlySet<string>): FieldErrorList {
  const errs: FieldErrorList = [];
  const operator = str(onExitCodes, 'operator');
  if (operator === '') errs.push(required(path.child('operator'), `valid values: ${quotedList(ON_EXIT_CODES_OPERATORS)}`));
  else if (!ON_EXIT_CODES_OPERATORS.includes(operator)) errs.push(notSupported(path.child('operator'), operator, ON_EXIT_CODES_OPERATORS));
  const containerName = optStr(onExitCodes, 'containerName');
  if (containerName !== undefined && !names.has(containerName)) {
    errs.push(invalid(path.child('containerName'), containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  return [...errs, ...validateExitCodeValues(onExitCodes, path.child('values'))];
}

function validateOnPodConditions(patterns: Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS) errs.push(tooMany(path, patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS));
  patterns.forEach((pattern, j) => {
    errs.push(...validateQualifiedName(str(pattern, 'type'), path.index(j).child('type')));
    const status = str(pattern, 'status');
    const statusPath = path.index(j).child('status');
    if (status === '') errs.push(required(statusPath, `valid values: ${quotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(statusPath, status, CONDITION_STATUSES));
  });
  return errs;
}

function validateRule(spec: Json, rule: Json, path: FieldPath, names: ReadonlySet<string>): FieldErrorList {
  const errs: FieldErrorList = [];
  const action = str(rule, 'action');
  const actionPath = path.child('action');
  if (action === '') errs.push(required(actionPath, `valid values: ${quotedList(ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (!has(spec, 'backoffLimitPerIndex')) errs.push(invalid(actionPath, action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!ACTIONS.includes(action)) errs.push(notSupported(actionPath, action, ACTIONS));
  const onExitCodes = obj(rule, 'onExitCodes');
  const onPodConditions = objects(rule, 'onPodConditions');
  if (onExitCodes !== undefined) errs.push(...validateOnExitCodes(onExitCodes, path.child('onExitCodes'), names));
  if (onPodConditions.length > 0) errs.push(...validateOnPodConditions(onPodConditions, path.child('onPodConditions')));
  if (onExitCodes !== undefined && onPodConditions.length > 0) {
    errs.push(invalidWithoutValue(path, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  }
  if (onExitCodes === undefined && onPodConditions.length === 0) {
    errs.push(invalidWithoutValue(path, 'specifying one of OnExitCodes and OnPodConditions is required'));
  }
  return errs;
}

/** spec.podFailurePolicy: at most 20 rules, each with one kind of requirement and a known action. */
export function validatePodFailurePolicy(spec: Json, policy: Json, path: FieldPath): FieldErrorList {
  const rules = objects(policy, 'rules');
  const rulesPath = path.child('rules');
  const errs: FieldErrorList = [];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const names = containerNames(spec);
  rules.forEach((rule, i) => errs.push(...validateRule(spec, rule, rulesPath.index(i), names)));
  return errs;
}

/** spec.podReplacementPolicy: with a podFailurePolicy only `Failed`. */
export function validatePodReplacementPolicy(spec: Json, path: FieldPath): FieldErrorList {
  const policy = optStr(spec, 'podReplacementPolicy');
  if (policy === undefined) return [];
  if (has(spec, 'podFailurePolicy')) return policy === 'Failed' ? [] : [notSupported(path, policy, ['Failed'])];
  return POD_REPLACEMENT_POLICIES.includes(policy) ? [] : [notSupported(path, policy, POD_REPLACEMENT_POLICIES)];
}

/** The internal SuccessPolicy as upstream prints it (Go field names). */
export function goSuccessPolicy(policy: Json): Json {
  const rules = objects(policy, 'rules').map((r) => ({
    SucceededIndexes: goPointer(r.succeededIndexes),
    SucceededCount: goPointer(r.succeededCount),
  }));
  return { Rules: has(policy, 'rules') ? rules : null };
}

function validateSuccessRule(rule: Json, completions: number, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const indexes = optStr(rule, 'succeededIndexes');
  const count = optNum(rule, 'succeededCount');
  if (indexes === undefined && count === undefined) {
    errs.push(required(path, 'at least one of succeededCount or succeededIndexes must be specified'));
  }
  let total = 0;
  if (indexes !== undefined) {
    const indexesPath = path.child('succeededIndexes');
    if (Buffer.byteLength(indexes) > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(indexesPath, MAX_SUCCEEDED_INDEXES_LENGTH));
    try {
      total = countIndexes(indexes, completions);
    } catch (e) {
      if (!(e instanceof IndexSetError)) throw e;
      errs.push(invalid(indexesPath, indexes, `error parsing succeededIndexes: ${e.message}`));
    }
  }
  if (count !== undefined) {
    const countPath = path.child('succeededCount');
    errs.push(...validateNonnegativeField(count, countPath));
    if (count > completions) {
      errs.push(invalid(countPath, count, `must be less than or equal to ${completions} (the number of specified completions)`));
    }
    if (indexes !== undefined && count > total) {
      errs.push(invalid(countPath, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
    }
  }
  return errs;
}

/** spec.successPolicy of an Indexed Job: 1 to 20 rules within the completions. */
export function validateSuccessPolicy(spec: Json, policy: Json, path: FieldPath): FieldErrorList {
  const rules = objects(policy, 'rules');
  const rulesPath = path.child('rules');
  const errs: FieldErrorList = [];
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = num(spec, 'completions');
  rules.forEach((rule, i) => errs.push(...validateSuccessRule(rule, completions, rulesPath.index(i))));
  return errs;
}
