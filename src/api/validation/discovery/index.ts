// Validation of the discovery.k8s.io group's resources.

import type { GroupValidators } from '../validator.js';
import { endpointSliceValidator } from './endpoint-slice.js';

export const discoveryValidators: GroupValidators = {
  endpointslices: endpointSliceValidator,
};
