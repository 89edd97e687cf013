// The batch/v1 CronJob fields the cronjob controller reads and writes.

import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import type { ObjectReference } from '../../client/index.js';
import type { JobSpec } from '../job/types.js';

export const CRON_JOBS = { group: 'batch', version: 'v1', resource: 'cronjobs' } as const;
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface CronJob extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: ObjectMeta; spec?: JobSpec };
  };
  status?: {
    active?: ObjectReference[];
    lastScheduleTime?: string;
    lastSuccessfulTime?: string;
  };
}
