// Validation of the policy group's resources.

import type { GroupValidators } from '../validator.js';
import { podDisruptionBudgetValidator } from './pod-disruption-budget.js';

export const policyValidators: GroupValidators = {
  poddisruptionbudgets: podDisruptionBudgetValidator,
};
