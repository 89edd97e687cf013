// Validation of the certificates.k8s.io group's resources (of those this folder covers).

import type { GroupValidators } from '../validator.js';
import { certificateSigningRequestValidator } from './csr.js';

export const certificatesValidators: GroupValidators = {
  certificatesigningrequests: certificateSigningRequestValidator,
};
