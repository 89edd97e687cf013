// Validation of the admissionregistration.k8s.io group's resources (of those this folder covers).

import type { GroupValidators } from '../validator.js';
import { mutatingWebhookConfigurationValidator, validatingWebhookConfigurationValidator } from './webhooks.js';

export const admissionRegistrationValidators: GroupValidators = {
  validatingwebhookconfigurations: validatingWebhookConfigurationValidator,
  mutatingwebhookconfigurations: mutatingWebhookConfigurationValidator,
};
