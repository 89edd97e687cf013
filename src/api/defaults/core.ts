// Defaults of the core group's kinds other than Pod (pod.ts) and Service (service.ts).

import { child, defaultZero, ensureChild, isEmpty, isObject, isUnset, items, stringField, withChild, type JsonObject } from './json.js';
import { defaultTemplate } from './pod-spec.js';
import { fillMissing, roundResourceList } from './resource-list.js';
import { defaultClaimSpec, defaultPersistentVolumeSources } from './volumes.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function defaultNamespace(namespace: JsonObject): void {
  const metadata = ensureChild(namespace, 'metadata');
  const name = stringField(metadata, 'name');
  // A namespace created with generateName gets its label once it has a name.
  if (name !== '') ensureChild(metadata, 'labels')[NAMESPACE_NAME_LABEL] = name;
  defaultZero(ensureChild(namespace, 'status'), 'phase', 'Active');
}

export function defaultSecret(secret: JsonObject): void {
  defaultZero(secret, 'type', 'Opaque');
}

export function defaultEndpoints(endpoints: JsonObject): void {
  for (const subset of items(endpoints, 'subsets')) {
    for (const port of items(subset, 'ports')) defaultZero(port, 'protocol', 'TCP');
  }
}

export function defaultNode(node: JsonObject): void {
  const status = child(node, 'status');
  if (status === undefined) return;
  // A node that reports only its capacity can allocate all of it.
  if (isUnset(status.allocatable) && !isEmpty(status.capacity) && isObject(status.capacity)) status.allocatable = { ...status.capacity };
  roundResourceList(status, 'capacity');
  roundResourceList(status, 'allocatable');
}

export function defaultPersistentVolume(volume: JsonObject): void {
  defaultZero(ensureChild(volume, 'status'), 'phase', 'Pending');
  const spec = ensureChild(volume, 'spec');
  defaultZero(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  if (isUnset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  roundResourceList(spec, 'capacity');
  defaultPersistentVolumeSources(spec);
}

/** A claim, standing alone or as a StatefulSet's claim template. */
export function defaultPersistentVolumeClaim(claim: JsonObject): void {
  const status = ensureChild(claim, 'status');
  defaultZero(status, 'phase', 'Pending');
  roundResourceList(status, 'capacity');
  roundResourceList(status, 'allocatedResources');
  defaultClaimSpec(ensureChild(claim, 'spec'));
}

export function defaultLimitRange(limitRange: JsonObject): void {
  for (const item of items(child(limitRange, 'spec'), 'limits')) {
    if (item.type === 'Container') defaultContainerLimits(item);
    for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) roundResourceList(item, key);
  }
}

/**
 * For containers, a missing default limit is the max; a missing default request is the
 * default limit, else the min.
 */
function defaultContainerLimits(item: JsonObject): void {
  const limits = fillFrom(item, 'default', [child(item, 'max')]);
  fillFrom(item, 'defaultRequest', [limits, child(item, 'min')]);
}

/** Fills the map under `key` from `sources` in order; an empty result stays unset, as upstream prints it. */
function fillFrom(item: JsonObject, key: string, sources: (JsonObject | undefined)[]): JsonObject | undefined {
  if (!isUnset(item[key]) && !isObject(item[key])) return undefined;
  const list: JsonObject = { ...child(item, key) };
  for (const source of sources) fillMissing(list, source);
  if (Object.keys(list).length > 0) item[key] = list;
  return list;
}

export function defaultResourceQuota(quota: JsonObject): void {
  roundResourceList(child(quota, 'spec'), 'hard');
  withChild(quota, 'status', (status) => {
    roundResourceList(status, 'hard');
    roundResourceList(status, 'used');
  });
}

export function defaultReplicationController(controller: JsonObject): void {
  const spec = ensureChild(controller, 'spec');
  const template = child(spec, 'template');
  const templateLabels = child(child(template ?? {}, 'metadata') ?? {}, 'labels');
  if (templateLabels !== undefined) {
    if (isEmpty(spec.selector)) spec.selector = { ...templateLabels };
    const metadata = ensureChild(controller, 'metadata');
    if (isEmpty(metadata.labels)) metadata.labels = { ...templateLabels };
  }
  if (isUnset(spec.replicas)) spec.replicas = 1;
  defaultTemplate(template);
}

export function defaultPodTemplate(podTemplate: JsonObject): void {
  defaultTemplate(child(podTemplate, 'template'));
}
