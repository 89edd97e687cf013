// Defaults of HorizontalPodAutoscaler in autoscaling/v2 (its storage version) and
// autoscaling/v1. An HPA without metrics scales on 80% average CPU utilization; a
// behavior that is given is completed with the scaling rules the controller used before
// behaviors existed.

import { child, defaultUnset, ensureChild, isEmpty, isUnset, type JsonObject } from './json.js';

export const DEFAULT_CPU_UTILIZATION = 80;

/** Dispatches on the object's version: v1 and v2 differ. */
export function defaultHorizontalPodAutoscaler(hpa: JsonObject): void {
  if (hpa.apiVersion === 'autoscaling/v1') defaultHorizontalPodAutoscalerV1(hpa);
  else defaultHorizontalPodAutoscalerV2(hpa);
}

/** autoscaling/v1: its CPU target default comes from conversion, not from here. */
export function defaultHorizontalPodAutoscalerV1(hpa: JsonObject): void {
  defaultUnset(ensureChild(hpa, 'spec'), 'minReplicas', () => 1);
}

export function defaultHorizontalPodAutoscalerV2(hpa: JsonObject): void {
  const spec = ensureChild(hpa, 'spec');
  defaultUnset(spec, 'minReplicas', () => 1);
  if (isEmpty(spec.metrics)) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } },
    ];
  }
  const behavior = child(spec, 'behavior');
  if (behavior !== undefined) {
    behavior.scaleUp = completeRules(child(behavior, 'scaleUp'), scaleUpRules());
    behavior.scaleDown = completeRules(child(behavior, 'scaleDown'), scaleDownRules());
  }
}

/** Scale up by at most 4 pods or 100% (whichever is more) per 15 s, without stabilization. */
function scaleUpRules(): JsonObject {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/**
 * Scale down by up to 100% per 15 s. The stabilization window stays unset: the controller
 * takes it from its --horizontal-pod-autoscaler-downscale-stabilization flag.
 */
function scaleDownRules(): JsonObject {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** The defaults, overridden by every field the given rules set. */
function completeRules(given: JsonObject | undefined, defaults: JsonObject): JsonObject {
  if (given === undefined) return defaults;
  for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance']) {
    if (!isUnset(given[key])) defaults[key] = given[key];
  }
  return defaults;
}
