// autoscaling/v1 HorizontalPodAutoscaler ↔ autoscaling/v2 (the storage version).
// v1 knows one metric, the CPU utilization target. What v2 says beyond it (other metrics,
// behavior, conditions, current metrics) travels in annotations on the v1 object, as
// upstream does, so that a v1 client's read-modify-write keeps it.

import type { ApiObject } from '../strategy.js';

export const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

type Json = Record<string, unknown>;

interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number } };
}

interface MetricStatus {
  type?: string;
  resource?: { name?: string; current?: { averageUtilization?: number } };
}

const isCpuUtilization = (m: MetricSpec): boolean =>
  m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization' && m.resource.target.averageUtilization !== undefined;

const isCpuUtilizationStatus = (m: MetricStatus): boolean =>
  m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined;

export function hpaV2ToV1(obj: ApiObject): ApiObject {
  const spec = { ...((obj.spec ?? {}) as Json) };
  const status = obj.status === undefined ? undefined : { ...(obj.status as Json) };
  const annotations = { ...(obj.metadata.annotations ?? {}) };

  const metrics = (spec.metrics ?? []) as MetricSpec[];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  delete spec.metrics;
  if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource?.target?.averageUtilization;
  if (others.length > 0) annotations[METRICS_ANNOTATION] = JSON.stringify(others);
  if (spec.behavior !== undefined) {
    annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
    delete spec.behavior;
  }

  if (status !== undefined) {
    const current = (status.currentMetrics ?? []) as MetricStatus[];
    const currentCpu = current.find(isCpuUtilizationStatus);
    const otherCurrent = current.filter((m) => m !== currentCpu);
    delete status.currentMetrics;
    if (currentCpu) status.currentCPUUtilizationPercentage = currentCpu.resource?.current?.averageUtilization;
    if (otherCurrent.length > 0) annotations[CURRENT_METRICS_ANNOTATION] = JSON.stringify(otherCurrent);
    if (Array.isArray(status.conditions) && status.conditions.length > 0) {
      annotations[CONDITIONS_ANNOTATION] = JSON.stringify(status.conditions);
    }
    delete status.conditions;
  }

  const out: ApiObject = {
    ...obj,
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(obj.metadata, annotations),
    spec,
  };
  if (status !== undefined) out.status = status;
  return out;
}

export function hpaV1ToV2(obj: ApiObject): ApiObject {
  const spec = { ...((obj.spec ?? {}) as Json) };
  const status = obj.status === undefined ? undefined : { ...(obj.status as Json) };
  const annotations = { ...(obj.metadata.annotations ?? {}) };

  const metrics: unknown[] = [];
  const target = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (typeof target === 'number') {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } });
  }
  metrics.push(...takeJsonList(annotations, METRICS_ANNOTATION));
  if (metrics.length > 0) spec.metrics = metrics;
  const behavior = takeJson(annotations, BEHAVIOR_ANNOTATION);
  if (behavior !== undefined) spec.behavior = behavior;

  if (status !== undefined) {
    const current: unknown[] = [];
    const cpu = status.currentCPUUtilizationPercentage;
    delete status.currentCPUUtilizationPercentage;
    if (typeof cpu === 'number') {
      current.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpu } } });
    }
    current.push(...takeJsonList(annotations, CURRENT_METRICS_ANNOTATION));
    if (current.length > 0) status.currentMetrics = current;
    const conditions = takeJsonList(annotations, CONDITIONS_ANNOTATION);
    if (conditions.length > 0) status.conditions = conditions;
  } else {
    delete annotations[CURRENT_METRICS_ANNOTATION];
    delete annotations[CONDITIONS_ANNOTATION];
  }

  const out: ApiObject = {
    ...obj,
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(obj.metadata, annotations),
    spec,
  };
  if (status !== undefined) out.status = status;
  return out;
}

function withAnnotations(metadata: ApiObject['metadata'], annotations: Record<string, string>): ApiObject['metadata'] {
  const out = { ...metadata };
  if (Object.keys(annotations).length > 0) out.annotations = annotations;
  else delete out.annotations;
  return out;
}

/** Removes an annotation holding JSON and returns its value (undefined when absent or not JSON). */
function takeJson(annotations: Record<string, string>, key: string): unknown {
  const text = annotations[key];
  if (text === undefined) return undefined;
  delete annotations[key];
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function takeJsonList(annotations: Record<string, string>, key: string): unknown[] {
  const value = takeJson(annotations, key);
  return Array.isArray(value) ? value : [];
}
