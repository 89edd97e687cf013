// Pod defaults: the PodSpec defaults every template gets (pod-spec.ts), what only a Pod
// gets (upstream's SetDefaults_Pod: requests from limits, pod-level resources, service
// links, host ports under host networking) and what the default admission plugins add to
// every new pod (pod-admission.ts).

import { child, defaultUnset, ensureChild, isObject, isUnset, isZero, items, withChild, type JsonObject } from './json.js';
import { admitPod } from './pod-admission.js';
import { defaultPodLevelResources } from './pod-level-resources.js';
import { defaultPodSpec } from './pod-spec.js';
import { fillMissing, roundResourceList } from './resource-list.js';

export function defaultPod(pod: JsonObject): void {
  admitPod(pod);
  const spec = ensureChild(pod, 'spec');
  for (const list of ['containers', 'initContainers']) {
    for (const container of items(spec, list)) defaultRequestsToLimits(container);
  }
  defaultPodLevelResources(spec);
  defaultUnset(spec, 'enableServiceLinks', () => true);
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const container of items(spec, list)) defaultHostPorts(container);
    }
  }
  defaultPodSpec(spec);
  withChild(pod, 'status', roundStatusResources);
}

/** The resources nodes report per container are rounded like the spec's. */
function roundStatusResources(status: JsonObject): void {
  for (const list of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    for (const containerStatus of items(status, list)) {
      roundResourceList(containerStatus, 'allocatedResources');
      withChild(containerStatus, 'resources', (resources) => {
        roundResourceList(resources, 'limits');
        roundResourceList(resources, 'requests');
      });
    }
  }
}

/**
 * A container that sets limits but not requests for a resource requests its limit. Only a
 * Pod gets this; templates keep what was written, so that a later change of defaults does
 * not change them.
 */
function defaultRequestsToLimits(container: JsonObject): void {
  const resources = child(container, 'resources');
  const limits = resources === undefined ? undefined : child(resources, 'limits');
  if (resources === undefined || limits === undefined || Object.keys(limits).length === 0) return;
  if (isUnset(resources.requests)) resources.requests = {};
  if (isObject(resources.requests)) fillMissing(resources.requests, limits);
}

/** With host networking, a container port is also the host port. */
function defaultHostPorts(container: JsonObject): void {
  for (const port of items(container, 'ports')) {
    if (isZero(port.hostPort) && typeof port.containerPort === 'number') port.hostPort = port.containerPort;
  }
}
