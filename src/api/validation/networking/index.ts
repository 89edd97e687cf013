// Validation of the networking.k8s.io group's resources (of those this folder covers).

import type { GroupValidators } from '../validator.js';
import { ingressClassValidator } from './ingress-class.js';
import { ingressValidator } from './ingress.js';
import { networkPolicyValidator } from './network-policy.js';

export const networkingValidators: GroupValidators = {
  ingresses: ingressValidator,
  ingressclasses: ingressClassValidator,
  networkpolicies: networkPolicyValidator,
};
