// Validation of the storage.k8s.io group's resources (of those this folder covers).

import type { GroupValidators } from '../validator.js';
import { csiDriverValidator } from './csi-driver.js';
import { storageClassValidator } from './storage-class.js';

export const storageValidators: GroupValidators = {
  storageclasses: storageClassValidator,
  csidrivers: csiDriverValidator,
};
