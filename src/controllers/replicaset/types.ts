// The apps/v1 ReplicaSet fields the controller reads and writes, and what the controller
// needs to know to manage another replicated kind (core/v1 ReplicationController) the same way.

import type { LabelSelector, LabelSelectorObject } from '../../machinery/label-selector.js';
import type { GroupVersionResource } from '../../machinery/schema.js';
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

/** The fields shared by ReplicaSets and ReplicationControllers: everything but the selector's shape. */
export interface ReplicatedObject extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    template?: { metadata?: ObjectMeta; spec?: Pod['spec'] };
  };
  status?: ReplicaSetStatus;
}

export interface ReplicaSet extends ReplicatedObject {
  spec?: NonNullable<ReplicatedObject['spec']> & { selector?: LabelSelectorObject };
}

/**
 * The kind a replica controller manages. Contract: `resource` serves objects of `kind` in
 * `apiVersion` with a status subresource; `selectorOf` is pure and returns undefined for a
 * selector that cannot be parsed (the object is then skipped, as upstream does).
 */
export interface ReplicatedKind<T extends ReplicatedObject> {
  /** The controller's name, also the event source component. */
  readonly controllerName: string;
  readonly resource: GroupVersionResource;
  readonly apiVersion: string;
  readonly kind: string;
  selectorOf(obj: T): LabelSelector | undefined;
}
