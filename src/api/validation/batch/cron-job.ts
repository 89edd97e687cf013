// CronJob validation: upstream's ValidateCronJobCreate / ValidateCronJobUpdate. The schedule
// is a standard cron line (cron-schedule.ts) whose time zone goes in spec.timeZone; a TZ=
// prefix is only tolerated in CronJobs stored before that rule existed.

import { invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { maxLenError, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objOrEmpty, optBool, optNum, optStr, str, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { goLabelSelector } from '../go-values.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { templateUpdateOptions } from '../core/pod-template.js';
import type { ResourceValidator } from '../validator.js';
import { cronScheduleError } from './cron-schedule.js';
import { validateJobSpecFields } from './job-spec.js';
import { validateTimeZone } from './time-zone.js';

const SPEC = root('spec');
/** Jobs are named `<cronjob>-<11 characters>` and must stay within 63. */
const MAX_NAME_LENGTH = 63 - 11;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

function validateSchedule(schedule: string, allowTZInSchedule: boolean, hasTimeZone: boolean, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const parseError = cronScheduleError(schedule);
  if (parseError !== undefined) errs.push(invalid(path, schedule, parseError));
  if (schedule.includes('TZ')) {
    if (!allowTZInSchedule) errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else if (hasTimeZone) errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  return errs;
}

function validateConcurrencyPolicy(policy: string, path: FieldPath): FieldErrorList {
  if (policy === '') return [required(path, '')];
  return CONCURRENCY_POLICIES.includes(policy) ? [] : [notSupported(path, policy, CONCURRENCY_POLICIES)];
}

/** The Job template: a Job spec whose selector the Job's creation will generate. */
function validateJobTemplate(template: Json, path: FieldPath, podOpts: PodValidationOptions | undefined): FieldErrorList {
  const spec = objOrEmpty(template, 'spec');
  const specPath = path.child('spec');
  const errs = validateJobSpecFields(spec, specPath, podOpts);
  const selector = obj(spec, 'selector');
  if (selector !== undefined) errs.push(invalid(specPath.child('selector'), goLabelSelector(selector), '`selector` will be auto-generated'));
  if (optBool(spec, 'manualSelector') === true) errs.push(notSupported(specPath.child('manualSelector'), true, ['nil', 'false']));
  return errs;
}

/** `oldSpec`: the stored spec on update, undefined on create. */
function validateCronJobSpec(spec: Json, oldSpec: Json | undefined, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const schedule = str(spec, 'schedule');
  const timeZone = optStr(spec, 'timeZone');
  if (schedule === '') errs.push(required(path.child('schedule'), ''));
  else errs.push(...validateSchedule(schedule, str(oldSpec, 'schedule').includes('TZ'), timeZone !== undefined, path.child('schedule')));
  const startingDeadline = optNum(spec, 'startingDeadlineSeconds');
  if (startingDeadline !== undefined) errs.push(...validateNonnegativeField(startingDeadline, path.child('startingDeadlineSeconds')));
  // A stored zone that this server does not know is kept, not refused.
  if (oldSpec === undefined || optStr(oldSpec, 'timeZone') !== timeZone) errs.push(...validateTimeZone(timeZone, path.child('timeZone')));
  errs.push(...validateConcurrencyPolicy(str(spec, 'concurrencyPolicy'), path.child('concurrencyPolicy')));
  const oldPodTemplate = oldSpec === undefined ? undefined : objOrEmpty(objOrEmpty(objOrEmpty(oldSpec, 'jobTemplate'), 'spec'), 'template');
  const podOpts = oldPodTemplate === undefined ? undefined : templateUpdateOptions(oldPodTemplate);
  errs.push(...validateJobTemplate(objOrEmpty(spec, 'jobTemplate'), path.child('jobTemplate'), podOpts));
  for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const limit = optNum(spec, field);
    if (limit !== undefined) errs.push(...validateNonnegativeField(limit, path.child(field)));
  }
  return errs;
}

function validateNameLength(cronJob: ApiObject): FieldErrorList {
  const name = cronJob.metadata.name ?? '';
  return Buffer.byteLength(name) > MAX_NAME_LENGTH ? [invalid(root('metadata', 'name'), name, maxLenError(MAX_NAME_LENGTH))] : [];
}

export const cronJobValidator: ResourceValidator = {
  validate: (cronJob) => [
    ...validateObjectMetaOf(cronJob, true, nameIsDNSSubdomain),
    ...validateCronJobSpec(objOrEmpty(cronJob, 'spec'), undefined, SPEC),
    ...validateNameLength(cronJob),
  ],
  // Older CronJobs with longer names may still be updated (and deleted).
  validateUpdate: (cronJob, old) => [
    ...validateObjectMetaUpdateOf(cronJob, old),
    ...validateCronJobSpec(objOrEmpty(cronJob, 'spec'), objOrEmpty(old, 'spec'), SPEC),
  ],
};
