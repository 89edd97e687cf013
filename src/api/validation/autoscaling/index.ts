// Validation of the autoscaling group's resources.

import type { GroupValidators } from '../validator.js';
import { horizontalPodAutoscalerValidator } from './hpa.js';

export const autoscalingValidators: GroupValidators = {
  horizontalpodautoscalers: horizontalPodAutoscalerValidator,
};
