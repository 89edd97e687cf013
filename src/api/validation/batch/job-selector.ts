// A Job's selector: unless the user asks for a manual one, the API server generates it
// from the Job's uid and labels the pod template to match (upstream's generateSelector in
// the Job strategy), and validation then checks that the generated labels are intact.

import { invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import type { ApiObject } from '../../strategy.js';
import { asObject, bool, obj, objOrEmpty, stringMap, type Json } from '../common/json.js';
import { goLabelSelector, goStringMap } from '../go-values.js';
import { selectorOf } from '../apps/workload-selector.js';

const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';
const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

function ensureObject(parent: Json, key: string): Json {
  const existing = asObject(parent[key]);
  if (existing !== undefined) return existing;
  const created: Json = {};
  parent[key] = created;
  return created;
}

/**
 * What upstream's Job strategy does before validating a new Job without
 * `manualSelector: true` (call it once the uid is set): label the pod template with the
 * Job's name and uid, where the user has not set those labels, and select the uid.
 * Conflicting labels the user set are left for validation to refuse.
 */
export function generateJobSelector(job: ApiObject): void {
  const spec = ensureObject(job, 'spec');
  if (bool(spec, 'manualSelector')) return;
  const name = job.metadata.name ?? '';
  const uid = typeof job.metadata.uid === 'string' ? job.metadata.uid : '';
  const labels = ensureObject(ensureObject(ensureObject(spec, 'template'), 'metadata'), 'labels');
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= uid;
  const matchLabels = ensureObject(ensureObject(spec, 'selector'), 'matchLabels');
  matchLabels[CONTROLLER_UID_LABEL] ??= uid;
}

/** Upstream's ValidateHasLabel: the template carries `key` with the expected value. */
function validateHasLabel(meta: Json | undefined, path: FieldPath, key: string, expected: string): FieldErrorList {
  const labels = stringMap(meta, 'labels');
  const labelPath = path.child('labels').key(key);
  if (!Object.hasOwn(labels, key)) return [required(labelPath, expected)];
  return labels[key] === expected ? [] : [invalid(labelPath, goStringMap(labels), expected)];
}

/**
 * A generated selector must still be what generation made of it. `requirePrefixedLabels`:
 * the `batch.kubernetes.io/` labels are required too (for new Jobs, and old ones that have them).
 */
export function validateGeneratedSelector(job: ApiObject, requirePrefixedLabels: boolean): FieldErrorList {
  const spec = objOrEmpty(job, 'spec');
  const selector = obj(spec, 'selector');
  if (bool(spec, 'manualSelector') || selector === undefined) return [];
  const uid = typeof job.metadata.uid === 'string' ? job.metadata.uid : '';
  const name = job.metadata.name ?? '';
  const errs: FieldErrorList = [];
  if (uid === '') errs.push(required(root('metadata', 'uid'), ''));
  const meta = obj(objOrEmpty(spec, 'template'), 'metadata');
  const metaPath = root('spec', 'template', 'metadata');
  const expected: Record<string, string> = { [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  errs.push(...validateHasLabel(meta, metaPath, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(meta, metaPath, LEGACY_JOB_NAME_LABEL, name));
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(meta, metaPath, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(meta, metaPath, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  const parsed = selectorOf(selector);
  if (parsed !== undefined && !parsed.matches(expected)) {
    errs.push(invalid(root('spec', 'selector'), goLabelSelector(selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** Whether a Job's template carries both `batch.kubernetes.io/` labels. */
export function hasPrefixedLabels(job: ApiObject): boolean {
  const labels = stringMap(obj(objOrEmpty(objOrEmpty(job, 'spec'), 'template'), 'metadata'), 'labels');
  return Object.hasOwn(labels, JOB_NAME_LABEL) && Object.hasOwn(labels, CONTROLLER_UID_LABEL);
}

