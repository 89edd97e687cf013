// The apps/v1 DaemonSet fields the controller reads and writes, and the scheduling terms of
// pods and nodes it evaluates.

import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { IntOrString } from '../../machinery/int-or-string.js';
import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import type { Pod } from '../../client/index.js';
import type { Toleration } from '../base/taints.js';

export const DAEMON_SETS = { group: 'apps', version: 'v1', resource: 'daemonsets' } as const;

/** Upstream still stamps pods with their DaemonSet's generation (deprecated, but read by tools). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

import type { NodeSelectorTerm } from '../../api/scheduling/node-selector.js';

export type { NodeSelectorRequirement, NodeSelectorTerm } from '../../api/scheduling/node-selector.js';

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: unknown[];
}

/** The pod spec fields daemon placement reads. */
export interface PlacementSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: NodeAffinity; [field: string]: unknown };
  tolerations?: Toleration[];
  hostNetwork?: boolean;
}

export interface DaemonSetSpec {
  selector?: LabelSelectorObject;
  template?: { metadata?: ObjectMeta; spec?: Pod['spec'] };
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface DaemonSet extends KubeObject {
  metadata?: ObjectMeta;
  spec?: DaemonSetSpec;
  status?: DaemonSetStatus;
}
