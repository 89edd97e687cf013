// Defaults of the apps group: Deployment, ReplicaSet, StatefulSet, DaemonSet (and the pod
// templates inside them). ControllerRevision has none.

import { child, defaultUnset, defaultZero, ensureChild, isUnset, items, stringField, type JsonObject } from './json.js';
import { defaultPersistentVolumeClaim } from './core.js';
import { defaultTemplate } from './pod-spec.js';

const REVISION_HISTORY_LIMIT = 10;

export function defaultDeployment(deployment: JsonObject): void {
  const spec = ensureChild(deployment, 'spec');
  defaultUnset(spec, 'replicas', () => 1);
  const strategy = ensureChild(spec, 'strategy');
  defaultZero(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureChild(strategy, 'rollingUpdate');
    defaultUnset(rollingUpdate, 'maxUnavailable', () => '25%');
    defaultUnset(rollingUpdate, 'maxSurge', () => '25%');
  }
  defaultUnset(spec, 'revisionHistoryLimit', () => REVISION_HISTORY_LIMIT);
  defaultUnset(spec, 'progressDeadlineSeconds', () => 600);
  defaultTemplate(child(spec, 'template'));
}

export function defaultReplicaSet(replicaSet: JsonObject): void {
  const spec = ensureChild(replicaSet, 'spec');
  defaultUnset(spec, 'replicas', () => 1);
  defaultTemplate(child(spec, 'template'));
}

export function defaultDaemonSet(daemonSet: JsonObject): void {
  const spec = ensureChild(daemonSet, 'spec');
  const strategy = ensureChild(spec, 'updateStrategy');
  defaultZero(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureChild(strategy, 'rollingUpdate');
    defaultUnset(rollingUpdate, 'maxUnavailable', () => 1);
    defaultUnset(rollingUpdate, 'maxSurge', () => 0);
  }
  defaultUnset(spec, 'revisionHistoryLimit', () => REVISION_HISTORY_LIMIT);
  defaultTemplate(child(spec, 'template'));
}

export function defaultStatefulSet(statefulSet: JsonObject): void {
  const spec = ensureChild(statefulSet, 'spec');
  defaultZero(spec, 'podManagementPolicy', 'OrderedReady');
  defaultUpdateStrategy(ensureChild(spec, 'updateStrategy'));
  const retention = ensureChild(spec, 'persistentVolumeClaimRetentionPolicy');
  defaultZero(retention, 'whenDeleted', 'Retain');
  defaultZero(retention, 'whenScaled', 'Retain');
  defaultUnset(spec, 'replicas', () => 1);
  defaultUnset(spec, 'revisionHistoryLimit', () => REVISION_HISTORY_LIMIT);
  defaultTemplate(child(spec, 'template'));
  for (const claim of items(spec, 'volumeClaimTemplates')) defaultPersistentVolumeClaim(claim);
}

/**
 * A StatefulSet without an update strategy rolls, one pod at a time, from the highest
 * ordinal down to partition 0. An explicit RollingUpdate without parameters stays without
 * them, as upstream leaves it.
 */
function defaultUpdateStrategy(strategy: JsonObject): void {
  if (stringField(strategy, 'type') === '') {
    strategy.type = 'RollingUpdate';
    defaultUnset(strategy, 'rollingUpdate', () => ({}));
  }
  const rollingUpdate = child(strategy, 'rollingUpdate');
  if (strategy.type !== 'RollingUpdate' || rollingUpdate === undefined) return;
  if (isUnset(rollingUpdate.partition)) rollingUpdate.partition = 0;
  defaultUnset(rollingUpdate, 'maxUnavailable', () => 1);
}
