// Defaults of the batch group. A CronJob's job template gets the pod template defaults and
// the defaults of the types nested in a JobSpec, but not the Job's own defaults (those
// belong to the Jobs it creates).

import { child, defaultUnset, defaultZero, ensureChild, isEmpty, isUnset, items, withChild, type JsonObject } from './json.js';
import { defaultTemplate } from './pod-spec.js';

/** Go's math.MaxInt32: the backoff limit of a Job that limits backoff per index instead. */
const MAX_INT32 = 2147483647;

export function defaultJob(job: JsonObject): void {
  const spec = ensureChild(job, 'spec');
  // A job that sets neither runs one pod to completion.
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) spec.completions = 1;
  defaultUnset(spec, 'parallelism', () => 1);
  defaultUnset(spec, 'backoffLimit', () => (isUnset(spec.backoffLimitPerIndex) ? 6 : MAX_INT32));
  const templateLabels = child(child(child(spec, 'template') ?? {}, 'metadata') ?? {}, 'labels');
  const metadata = ensureChild(job, 'metadata');
  if (templateLabels !== undefined && isEmpty(metadata.labels)) metadata.labels = { ...templateLabels };
  defaultUnset(spec, 'completionMode', () => 'NonIndexed');
  defaultUnset(spec, 'suspend', () => false);
  defaultUnset(spec, 'podReplacementPolicy', () => (isUnset(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed'));
  defaultUnset(spec, 'manualSelector', () => false);
  defaultJobSpecTypes(spec);
}

export function defaultCronJob(cronJob: JsonObject): void {
  const spec = ensureChild(cronJob, 'spec');
  defaultZero(spec, 'concurrencyPolicy', 'Allow');
  defaultUnset(spec, 'suspend', () => false);
  defaultUnset(spec, 'successfulJobsHistoryLimit', () => 3);
  defaultUnset(spec, 'failedJobsHistoryLimit', () => 1);
  withChild(child(spec, 'jobTemplate'), 'spec', defaultJobSpecTypes);
}

/** What every JobSpec gets, in a Job or a job template: its pod template and pod failure rules. */
function defaultJobSpecTypes(spec: JsonObject): void {
  defaultTemplate(child(spec, 'template'));
  for (const rule of items(child(spec, 'podFailurePolicy'), 'rules')) {
    for (const pattern of items(rule, 'onPodConditions')) defaultZero(pattern, 'status', 'True');
  }
}
