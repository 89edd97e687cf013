// Defaults of a PodSpec wherever it appears: in a Pod and in every pod template
// (PodTemplate, ReplicationController, Deployment, ReplicaSet, StatefulSet, DaemonSet,
// Job, CronJob). Upstream's SetDefaults_PodSpec deliberately holds only what templates may
// carry; what only a Pod gets (pod.ts) is kept apart so that templates stay unchanged
// across upgrades.

import { defaultContainer } from './container.js';
import { child, defaultUnset, defaultZero, isUnset, items, stringField, withChild, type JsonObject } from './json.js';
import { roundResourceList } from './resource-list.js';
import { defaultVolume } from './volumes.js';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function defaultPodSpec(spec: JsonObject): void {
  defaultZero(spec, 'dnsPolicy', 'ClusterFirst');
  defaultZero(spec, 'restartPolicy', 'Always');
  defaultUnset(spec, 'securityContext', () => ({}));
  defaultUnset(spec, 'terminationGracePeriodSeconds', () => 30);
  defaultZero(spec, 'schedulerName', 'default-scheduler');
  mirrorServiceAccount(spec);
  for (const volume of items(spec, 'volumes')) defaultVolume(volume);
  for (const list of CONTAINER_LISTS) {
    for (const container of items(spec, list)) defaultContainer(container);
  }
  roundResourceList(spec, 'overhead');
  withChild(spec, 'resources', (resources) => {
    roundResourceList(resources, 'limits');
    roundResourceList(resources, 'requests');
  });
}

/** The pod spec of a template (`{metadata, spec}`), when there is one. */
export function defaultTemplate(template: JsonObject | undefined): void {
  withChild(template, 'spec', defaultPodSpec);
}

/**
 * `serviceAccount` is the deprecated spelling of `serviceAccountName`: upstream reads it
 * when the new field is empty and always writes both the same.
 */
function mirrorServiceAccount(spec: JsonObject): void {
  const name = stringField(spec, 'serviceAccountName') || stringField(spec, 'serviceAccount');
  if (name === '') {
    if (isUnset(spec.serviceAccount) || spec.serviceAccount === '') delete spec.serviceAccount;
    return;
  }
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
}

/** The pod spec under `owner.spec.template`, for workloads. */
export function defaultWorkloadTemplate(owner: JsonObject): void {
  withChild(owner, 'spec', (spec) => defaultTemplate(child(spec, 'template')));
}
