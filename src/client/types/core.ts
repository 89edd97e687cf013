// Minimal shapes of the core/v1 kinds kubets' components touch. Only the fields the
// client layer and its callers read are named; everything else passes through untouched
// (objects keep every field the server sent). The full schema lives in the API catalogue.

import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';

/** A pointer to an object, as events and bindings carry it. */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface Namespace extends KubeObject {
  metadata?: ObjectMeta;
  spec?: { finalizers?: string[] };
  status?: { phase?: string };
}

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface Container {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  [field: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    schedulerName?: string;
    containers: Container[];
    [field: string]: unknown;
  };
  status?: {
    phase?: string;
    conditions?: PodCondition[];
    podIP?: string;
    [field: string]: unknown;
  };
}

export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[]; [field: string]: unknown };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: { type: string; status: string; [field: string]: unknown }[];
    [field: string]: unknown;
  };
}

export interface EventSource {
  component?: string;
  host?: string;
}

/** core/v1 Event, as the event recorder writes it. */
export interface Event extends KubeObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: EventSource;
  /** metav1.Time */
  firstTimestamp?: string;
  /** metav1.Time */
  lastTimestamp?: string;
  count?: number;
  type?: string;
  /** metav1.MicroTime; unset by the legacy recorder. */
  eventTime?: string;
  /** The reporting controller (Go field ReportingController). */
  reportingComponent?: string;
  reportingInstance?: string;
}
