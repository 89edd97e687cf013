// Validation of the scheduling.k8s.io group's resources.

import type { GroupValidators } from '../validator.js';
import { priorityClassValidator } from './priority-class.js';

export const schedulingValidators: GroupValidators = {
  priorityclasses: priorityClassValidator,
};
