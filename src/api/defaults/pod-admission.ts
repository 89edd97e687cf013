// What upstream's default admission plugins write into every new Pod without looking
// anything up: the ServiceAccount plugin's `default` account, the Priority plugin's
// priority when no PriorityClass (or a built-in one) is named, and DefaultTolerationSeconds'
// tolerations of not-ready and unreachable nodes. Each step changes only what is unset, so
// running it again on an update changes nothing.
//
// Not here, because they need other objects: the service account token volume and image
// pull secrets (ServiceAccount), priorities of user-defined or globalDefault
// PriorityClasses (Priority), LimitRange defaults (LimitRanger) and RuntimeClass overhead.

import { child, defaultUnset, ensureChild, isUnset, items, stringField, type JsonObject } from './json.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** Static pods mirrored by a kubelet carry this annotation and get no service account. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** The PriorityClasses every cluster has, by name. */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-node-critical', 2000001000],
  ['system-cluster-critical', 2000000000],
]);
/** The tolerationSeconds of the added tolerations (kube-apiserver's --default-*-toleration-seconds). */
export const DEFAULT_TOLERATION_SECONDS = 300;
const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

export function admitPod(pod: JsonObject): void {
  const spec = ensureChild(pod, 'spec');
  defaultServiceAccount(pod, spec);
  defaultPriority(spec);
  addDefaultTolerations(spec);
}

function defaultServiceAccount(pod: JsonObject, spec: JsonObject): void {
  const annotations = child(child(pod, 'metadata') ?? {}, 'annotations');
  if (annotations !== undefined && MIRROR_POD_ANNOTATION in annotations) return;
  if (stringField(spec, 'serviceAccountName') === '' && stringField(spec, 'serviceAccount') === '') {
    spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
  }
}

/**
 * Without a PriorityClass a pod gets priority 0 and may preempt lower priorities (true as
 * long as no PriorityClass is marked globalDefault); the built-in classes resolve here too.
 */
function defaultPriority(spec: JsonObject): void {
  const className = stringField(spec, 'priorityClassName');
  const priority = className === '' ? 0 : SYSTEM_PRIORITY_CLASSES.get(className);
  if (priority === undefined || !isUnset(spec.priority)) return;
  spec.priority = priority;
  defaultUnset(spec, 'preemptionPolicy', () => 'PreemptLowerPriority');
}

function addDefaultTolerations(spec: JsonObject): void {
  if (!isUnset(spec.tolerations) && !Array.isArray(spec.tolerations)) return; // validation reports it
  const tolerations = items(spec, 'tolerations');
  const missing = [TAINT_NOT_READY, TAINT_UNREACHABLE].filter((key) => !tolerations.some((t) => toleratesNoExecute(t, key)));
  if (missing.length === 0) return;
  const list = Array.isArray(spec.tolerations) ? (spec.tolerations as unknown[]) : [];
  for (const key of missing) {
    list.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  spec.tolerations = list;
}

/** Upstream's test: the key matches (or is empty) and the effect is NoExecute (or empty). */
function toleratesNoExecute(toleration: JsonObject, key: string): boolean {
  const tolerationKey = stringField(toleration, 'key');
  const effect = stringField(toleration, 'effect');
  return (tolerationKey === key || tolerationKey === '') && (effect === 'NoExecute' || effect === '');
}
