// The apps/v1 ReplicaSet fields the controller reads and writes.

import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import type { Pod } from '../../client/index.js';

export const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets' } as const;

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface ReplicaSet extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: LabelSelectorObject;
    template?: { metadata?: ObjectMeta; spec?: Pod['spec'] };
  };
  status?: ReplicaSetStatus;
}
