// The apps/v1 Deployment fields the controller reads and writes, and its annotations.

import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import type { ReplicaSet } from '../replicaset/types.js';

export const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' } as const;

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

export type IntOrString = number | string;

export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export interface Deployment extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: LabelSelectorObject;
    template?: NonNullable<ReplicaSet['spec']>['template'];
    strategy?: { type?: 'RollingUpdate' | 'Recreate'; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
    minReadySeconds?: number;
    paused?: boolean;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
  };
  status?: DeploymentStatus;
}
