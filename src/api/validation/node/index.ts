// Validation of the node.k8s.io group's resources.

import type { GroupValidators } from '../validator.js';
import { runtimeClassValidator } from './runtime-class.js';

export const nodeValidators: GroupValidators = {
  runtimeclasses: runtimeClassValidator,
};
