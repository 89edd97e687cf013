// Job conditions with upstream's reasons and messages (pkg/controller/job and batch/v1's
// JobReason* constants).

import type { JobCondition, JobStatus } from './types.js';

export interface ConditionValue {
  readonly reason: string;
  readonly message: string;
}

export const COMPLETIONS_REACHED: ConditionValue = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
export const BACKOFF_LIMIT_EXCEEDED: ConditionValue = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
export const DEADLINE_EXCEEDED: ConditionValue = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
export const FAILED_INDEXES: ConditionValue = { reason: 'FailedIndexes', message: 'Job has failed indexes' };
export const MAX_FAILED_INDEXES_EXCEEDED: ConditionValue = { reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximum number of failed indexes' };
export const SUSPENDED: ConditionValue = { reason: 'JobSuspended', message: 'Job suspended' };
export const RESUMED: ConditionValue = { reason: 'JobResumed', message: 'Job resumed' };

export function successPolicyMatched(ruleIndex: number): ConditionValue {
  return { reason: 'SuccessPolicy', message: `Matched rules at index ${ruleIndex}` };
}

export function podFailurePolicyMatched(message: string): ConditionValue {
  return { reason: 'PodFailurePolicy', message };
}

export function getCondition(status: JobStatus, type: string): JobCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

export function hasTrueCondition(status: JobStatus, type: string): boolean {
  return getCondition(status, type)?.status === 'True';
}

/**
 * Sets condition `type` in `status` (in place). An existing condition with the same status
 * keeps its lastTransitionTime; upstream refreshes reason and message.
 */
export function setCondition(status: JobStatus, type: string, value: 'True' | 'False', cv: ConditionValue, now: string): void {
  const conditions = status.conditions ?? [];
  const existing = conditions.find((c) => c.type === type);
  if (existing !== undefined) {
    if (existing.status !== value) {
      existing.lastTransitionTime = now;
      existing.status = value;
    }
    existing.lastProbeTime = now;
    existing.reason = cv.reason;
    existing.message = cv.message;
  } else {
    conditions.push({ type, status: value, lastProbeTime: now, lastTransitionTime: now, reason: cv.reason, message: cv.message });
  }
  status.conditions = conditions;
}
