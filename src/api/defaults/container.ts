// Defaults of one container (regular, init or ephemeral) of a pod or pod template:
// upstream's SetDefaults_Container plus the defaulters of every type nested in it (ports,
// env sources, probes, lifecycle hooks, resource lists).

import { defaultPullPolicy } from './image-pull-policy.js';
import { child, defaultUnset, defaultZero, items, stringField, withChild, type JsonObject } from './json.js';
import { roundResourceList } from './resource-list.js';

export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HOOKS = ['postStart', 'preStop'] as const;

export function defaultContainer(container: JsonObject): void {
  defaultZero(container, 'imagePullPolicy', defaultPullPolicy(stringField(container, 'image')));
  defaultZero(container, 'terminationMessagePath', TERMINATION_MESSAGE_PATH);
  defaultZero(container, 'terminationMessagePolicy', 'File');
  for (const port of items(container, 'ports')) defaultZero(port, 'protocol', 'TCP');
  for (const env of items(container, 'env')) defaultEnvSource(env);
  withChild(container, 'resources', (resources) => {
    roundResourceList(resources, 'limits');
    roundResourceList(resources, 'requests');
  });
  for (const name of PROBES) withChild(container, name, defaultProbe);
  withChild(container, 'lifecycle', (lifecycle) => {
    for (const hook of LIFECYCLE_HOOKS) withChild(child(lifecycle, hook), 'httpGet', defaultHTTPGet);
  });
}

function defaultEnvSource(env: JsonObject): void {
  withChild(env, 'valueFrom', (valueFrom) => {
    withChild(valueFrom, 'fieldRef', defaultFieldRef);
    withChild(valueFrom, 'fileKeyRef', (ref) => defaultUnset(ref, 'optional', () => false));
  });
}

/** An object field selector's apiVersion defaults to v1 (env sources and downward API items). */
export function defaultFieldRef(fieldRef: JsonObject): void {
  defaultZero(fieldRef, 'apiVersion', 'v1');
}

function defaultProbe(probe: JsonObject): void {
  defaultZero(probe, 'timeoutSeconds', 1);
  defaultZero(probe, 'periodSeconds', 10);
  defaultZero(probe, 'successThreshold', 1);
  defaultZero(probe, 'failureThreshold', 3);
  withChild(probe, 'httpGet', defaultHTTPGet);
  withChild(probe, 'grpc', (grpc) => defaultUnset(grpc, 'service', () => ''));
}

function defaultHTTPGet(action: JsonObject): void {
  defaultZero(action, 'path', '/');
  defaultZero(action, 'scheme', 'HTTP');
}
