// core/v1 PersistentVolume and PersistentVolumeClaim and storage.k8s.io/v1 StorageClass,
// the fields the volume controllers and the scheduler's volume plugins read and write, and
// the annotations by which they speak to each other.

import type { NodeSelectorTerm } from '../../api/scheduling/node-selector.js';
import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import type { ObjectReference } from './core.js';

export interface PersistentVolume extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    storageClassName?: string;
    claimRef?: ObjectReference;
    persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
    volumeMode?: string;
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
    [field: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    accessModes?: string[];
    selector?: LabelSelectorObject;
    resources?: { requests?: Record<string, string> };
    volumeName?: string;
    storageClassName?: string;
    volumeMode?: string;
    [field: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string>; [field: string]: unknown };
}

export interface StorageClass extends KubeObject {
  metadata?: ObjectMeta;
  provisioner: string;
  reclaimPolicy?: 'Retain' | 'Delete';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  parameters?: Record<string, string>;
}
