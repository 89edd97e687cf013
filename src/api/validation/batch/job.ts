// Job validation: upstream's ValidateJob / ValidateJobUpdate with the options its strategy
// computes. A Job's template is immutable, except that a suspended Job that never started
// may change its scheduling directives (node affinity and selector, tolerations,
// scheduling gates) and its template's labels and annotations.

import { invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import { isDNS1123Label, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { bool, has, obj, objOrEmpty, optNum, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { hasInvalidLabelValue, selectorOf, validateSelectorMatchesTemplate } from '../apps/workload-selector.js';
import { goLabelSelector, goPointer } from '../go-values.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { templateUpdateOptions } from '../core/pod-template.js';
import type { ResourceValidator } from '../validator.js';
import { hasPrefixedLabels, validateGeneratedSelector } from './job-selector.js';
import { isIndexed, validateJobSpecFields } from './job-spec.js';

const SPEC = root('spec');

interface JobOptions {
  /** The `batch.kubernetes.io/` selector labels are required. */
  readonly requirePrefixedLabels: boolean;
  readonly allowInvalidLabelValueInSelector: boolean;
  /** The template's scheduling directives, labels and annotations may change. */
  readonly allowMutableSchedulingDirectives: boolean;
  /** What the pod template's validation relaxes; undefined for a new Job. */
  readonly podOpts?: PodValidationOptions;
}

const CREATE_OPTIONS: JobOptions = {
  requirePrefixedLabels: true,
  allowInvalidLabelValueInSelector: false,
  allowMutableSchedulingDirectives: false,
};

function updateOptions(old: ApiObject): JobOptions {
  const oldSpec = objOrEmpty(old, 'spec');
  const podOpts = templateUpdateOptions(objOrEmpty(oldSpec, 'template'));
  return {
    podOpts,
    requirePrefixedLabels: hasPrefixedLabels(old),
    allowInvalidLabelValueInSelector: podOpts.allowInvalidLabelValueInSelector || hasInvalidLabelValue(oldSpec.selector),
    // Only a Job that is suspended and never started.
    allowMutableSchedulingDirectives: bool(oldSpec, 'suspend') && !has(obj(old, 'status'), 'startTime'),
  };
}

/** Upstream's ValidateJobSpec: the common fields, a selector, and a template it selects. */
function validateJobSpec(spec: Json, path: FieldPath, opts: JobOptions): FieldErrorList {
  const errs = validateJobSpecFields(spec, path, opts.podOpts);
  const selector = obj(spec, 'selector');
  if (selector === undefined) errs.push(required(path.child('selector'), ''));
  else errs.push(...validateLabelSelector(selector, path.child('selector'), opts));
  const parsed = selectorOf(spec.selector);
  if (parsed !== undefined) errs.push(...validateSelectorMatchesTemplate(parsed, objOrEmpty(spec, 'template'), path.child('template')));
  return errs;
}

/** Pods of an Indexed Job are named `<job>-<index>`, which must be a DNS label. */
function validateIndexedPodNames(job: ApiObject): FieldErrorList {
  const spec = objOrEmpty(job, 'spec');
  const completions = optNum(spec, 'completions');
  if (!isIndexed(spec) || completions === undefined || completions <= 0) return [];
  const name = job.metadata.name ?? '';
  const hostname = `${name}-${completions - 1}`;
  if (isDNS1123Label(hostname).length === 0) return [];
  return [invalid(root('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${hostname}`)];
}

function validateJob(job: ApiObject, opts: JobOptions): FieldErrorList {
  return [
    ...validateObjectMetaOf(job, true, nameIsDNSSubdomain),
    ...validateGeneratedSelector(job, opts.requirePrefixedLabels),
    ...validateJobSpec(objOrEmpty(job, 'spec'), SPEC, opts),
    ...validateIndexedPodNames(job),
  ];
}

/** Completions of an Indexed Job may change, together with parallelism; otherwise they are immutable. */
function validateCompletions(spec: Json, oldSpec: Json, path: FieldPath): FieldErrorList {
  const completions = goPointer(spec.completions);
  const oldCompletions = goPointer(oldSpec.completions);
  if (!isIndexed(spec)) return validateImmutableField(completions, oldCompletions, path);
  if (semanticDeepEqual(completions, oldCompletions) || completions === null) return [];
  if (completions === goPointer(spec.parallelism)) return [];
  return [invalid(path, completions, 'can only be modified in tandem with spec.parallelism')];
}

/** The old template with the new one's scheduling directives, labels and annotations. */
function withMutableDirectives(template: Json, oldTemplate: Json): Json {
  const podSpec = objOrEmpty(template, 'spec');
  const oldPodSpec: Json = { ...objOrEmpty(oldTemplate, 'spec') };
  const affinity = obj(podSpec, 'affinity');
  const oldAffinity = obj(oldPodSpec, 'affinity');
  if (affinity === undefined && oldAffinity !== undefined) {
    // The affinity may be cleared if it held nothing but node affinity.
    const rest: Json = { ...oldAffinity };
    delete rest.nodeAffinity;
    oldPodSpec.affinity = Object.keys(rest).some((k) => has(rest, k)) ? rest : undefined;
  } else if (affinity !== undefined) {
    oldPodSpec.affinity = { ...(oldAffinity ?? {}), nodeAffinity: affinity.nodeAffinity };
  }
  for (const field of ['nodeSelector', 'tolerations', 'schedulingGates']) oldPodSpec[field] = podSpec[field];
  const meta = objOrEmpty(template, 'metadata');
  const oldMeta = { ...objOrEmpty(oldTemplate, 'metadata'), labels: meta.labels, annotations: meta.annotations };
  return { ...oldTemplate, metadata: oldMeta, spec: oldPodSpec };
}

function validateTemplateUpdate(spec: Json, oldSpec: Json, opts: JobOptions): FieldErrorList {
  const template = objOrEmpty(spec, 'template');
  let oldTemplate = objOrEmpty(oldSpec, 'template');
  if (opts.allowMutableSchedulingDirectives) oldTemplate = withMutableDirectives(template, oldTemplate);
  return validateImmutableField(template, oldTemplate, SPEC.child('template'));
}

/** Spec fields a Job can never change. */
const IMMUTABLE_SPEC_FIELDS = ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const;

function validateJobSpecUpdate(spec: Json, oldSpec: Json, opts: JobOptions): FieldErrorList {
  const errs = [
    ...validateJobSpec(spec, SPEC, opts),
    ...validateCompletions(spec, oldSpec, SPEC.child('completions')),
    ...validateImmutableField(goLabelSelector(spec.selector), goLabelSelector(oldSpec.selector), SPEC.child('selector')),
    ...validateTemplateUpdate(spec, oldSpec, opts),
  ];
  for (const field of IMMUTABLE_SPEC_FIELDS) {
    errs.push(...validateImmutableField(goPointer(spec[field]), goPointer(oldSpec[field]), SPEC.child(field)));
  }
  return errs;
}

export const jobValidator: ResourceValidator = {
  validate: (job) => validateJob(job, CREATE_OPTIONS),
  validateUpdate: (job, old) => {
    const opts = updateOptions(old);
    return [
      ...validateJob(job, opts),
      ...validateObjectMetaUpdateOf(job, old),
      ...validateJobSpecUpdate(objOrEmpty(job, 'spec'), objOrEmpty(old, 'spec'), opts),
    ];
  },
};

