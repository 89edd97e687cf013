// Validation of the coordination.k8s.io group's resources.

import type { GroupValidators } from '../validator.js';
import { leaseValidator } from './lease.js';

export const coordinationValidators: GroupValidators = {
  leases: leaseValidator,
};
