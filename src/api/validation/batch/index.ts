// Validation of the batch group's resources.

import type { GroupValidators } from '../validator.js';
import { cronJobValidator } from './cron-job.js';
import { jobValidator } from './job.js';

export const batchValidators: GroupValidators = {
  jobs: jobValidator,
  cronjobs: cronJobValidator,
};
