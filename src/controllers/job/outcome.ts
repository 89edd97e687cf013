// How a Job ends (upstream's job_controller and success_policy): the failure or success
// conditions it has earned, from its status and spec alone.

import * as cond from './conditions.js';
import { parseIndexes } from './indexes.js';
import type { Job, JobStatus } from './types.js';

/** Upstream: podReplacementPolicy Failed, the default when a podFailurePolicy is set. */
export function onlyReplaceFailed(job: Job): boolean {
  return (job.spec?.podReplacementPolicy ?? (job.spec?.podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed')) === 'Failed';
}

export function uncountedSize(status: JobStatus): number {
  return (status.uncountedTerminatedPods?.succeeded?.length ?? 0) + (status.uncountedTerminatedPods?.failed?.length ?? 0);
}

/** With backoffLimitPerIndex: too many failed indexes, or every index finished and some failed. */
export function failedIndexesOutcome(job: Job, status: JobStatus): cond.ConditionValue | undefined {
  if (job.spec?.completionMode !== 'Indexed' || job.spec.backoffLimitPerIndex === undefined) return undefined;
  const failed = parseIndexes(status.failedIndexes);
  if (failed.size === 0) return undefined;
  const max = job.spec.maxFailedIndexes;
  if (max !== undefined && failed.size > max) return cond.MAX_FAILED_INDEXES_EXCEEDED;
  const completed = parseIndexes(status.completedIndexes);
  return completed.size + failed.size >= (job.spec.completions ?? 0) ? cond.FAILED_INDEXES : undefined;
}

/** A FailureTarget already decided in an earlier sync. */
export function failureTarget(status: JobStatus): cond.ConditionValue | undefined {
  const target = cond.getCondition(status, 'FailureTarget');
  if (target?.status !== 'True') return undefined;
  return { reason: target.reason ?? '', message: target.message ?? '' };
}

/** Whether the Job has succeeded: a successPolicy rule, or enough completions. */
export function successCriteria(job: Job, status: JobStatus, succeeded: number, active: number): cond.ConditionValue | undefined {
  if (cond.hasTrueCondition(status, 'SuccessCriteriaMet')) {
    const met = cond.getCondition(status, 'SuccessCriteriaMet');
    return { reason: met?.reason ?? '', message: met?.message ?? '' };
  }
  const indexed = job.spec?.completionMode === 'Indexed';
  if (indexed) {
    const done = parseIndexes(status.completedIndexes);
    const rule = (job.spec?.successPolicy?.rules ?? []).findIndex((r) => successRuleMet(r, done));
    if (rule >= 0) return cond.successPolicyMatched(rule);
    return done.size >= (job.spec?.completions ?? 0) ? cond.COMPLETIONS_REACHED : undefined;
  }
  const completions = job.spec?.completions;
  // Without completions (a work queue), the first success ends the Job once nothing runs.
  if (completions === undefined) return succeeded > 0 && active === 0 ? cond.COMPLETIONS_REACHED : undefined;
  return succeeded >= completions ? cond.COMPLETIONS_REACHED : undefined;
}

function successRuleMet(rule: { succeededIndexes?: string; succeededCount?: number }, done: Set<number>): boolean {
  const wanted = rule.succeededIndexes === undefined ? undefined : parseIndexes(rule.succeededIndexes);
  const matched = wanted === undefined ? done.size : [...wanted].filter((i) => done.has(i)).length;
  if (wanted !== undefined && rule.succeededCount === undefined) return matched === wanted.size;
  return matched >= (rule.succeededCount ?? 0);
}

