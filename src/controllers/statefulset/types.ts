// The apps/v1 StatefulSet fields the controller reads and writes, and the claims it makes.

import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { IntOrString } from '../../machinery/int-or-string.js';
import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import type { Pod } from '../../client/index.js';

export const STATEFUL_SETS = { group: 'apps', version: 'v1', resource: 'statefulsets' } as const;
export const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' } as const;

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export type RetentionPolicy = 'Retain' | 'Delete';

export interface PersistentVolumeClaim extends KubeObject {
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: { phase?: string; [field: string]: unknown };
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  serviceName?: string;
  template?: { metadata?: ObjectMeta; spec?: Pod['spec'] };
  volumeClaimTemplates?: PersistentVolumeClaim[];
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: RetentionPolicy; whenScaled?: RetentionPolicy };
  ordinals?: { start?: number };
}

export interface StatefulSetStatus {
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  observedGeneration?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface StatefulSet extends KubeObject {
  metadata?: ObjectMeta;
  spec?: StatefulSetSpec;
  status?: StatefulSetStatus;
}
