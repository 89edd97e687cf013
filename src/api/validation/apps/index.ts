// Validation of the apps group's resources.

import type { GroupValidators } from '../validator.js';
import { controllerRevisionValidator } from './controller-revision.js';
import { daemonSetValidator } from './daemon-set.js';
import { deploymentValidator } from './deployment.js';
import { replicaSetValidator } from './replica-set.js';
import { statefulSetValidator } from './stateful-set.js';

export const appsValidators: GroupValidators = {
  deployments: deploymentValidator,
  replicasets: replicaSetValidator,
  statefulsets: statefulSetValidator,
  daemonsets: daemonSetValidator,
  controllerrevisions: controllerRevisionValidator,
};
