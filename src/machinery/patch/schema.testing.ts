// PatchSchemas for tests, written as small named type tables in the spirit of the API
// catalogue (properties, items, additionalProperties, patch strategy, merge key), and
// the built-in types the tests patch, with the strategies and merge keys upstream's
// OpenAPI document gives them.

import type { PatchSchema } from './schema.js';

/** One member (or list element, or map value): a named type, a list, a map, or a scalar. */
export interface MemberSpec {
  readonly ref?: string;
  readonly items?: MemberSpec;
  readonly additionalProperties?: MemberSpec;
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
}

/** Named struct types: their members by JSON name. */
export type TypeTable = Readonly<Record<string, Readonly<Record<string, MemberSpec>>>>;

/** The PatchSchema of type `name` in `types`. */
export function schemaOf(types: TypeTable, name: string): PatchSchema {
  return memberSchema(types, { ref: name });
}

function memberSchema(types: TypeTable, member: MemberSpec): PatchSchema {
  return {
    patchStrategy: member.patchStrategy,
    patchMergeKey: member.patchMergeKey,
    field(name: string): PatchSchema | undefined {
      if (member.additionalProperties !== undefined) return memberSchema(types, member.additionalProperties);
      const property = member.ref === undefined ? undefined : types[member.ref]?.[name];
      return property === undefined ? undefined : memberSchema(types, property);
    },
    elements(): PatchSchema | undefined {
      return member.items === undefined ? undefined : memberSchema(types, member.items);
    },
  };
}

const scalar: MemberSpec = {};
const stringMap: MemberSpec = { additionalProperties: scalar };
const mergeBy = (patchMergeKey: string, ref: string, patchStrategy = 'merge'): MemberSpec => ({
  patchStrategy,
  patchMergeKey,
  items: { ref },
});

/** A few built-in kinds, enough for the tests: Pod, Deployment, Node. */
export const builtinTypes: TypeTable = {
  Pod: { apiVersion: scalar, kind: scalar, metadata: { ref: 'ObjectMeta' }, spec: { ref: 'PodSpec' } },
  ObjectMeta: {
    name: scalar,
    namespace: scalar,
    labels: stringMap,
    annotations: stringMap,
    finalizers: { patchStrategy: 'merge', items: scalar },
    ownerReferences: mergeBy('uid', 'OwnerReference'),
  },
  OwnerReference: { uid: scalar, name: scalar, kind: scalar, apiVersion: scalar, controller: scalar },
  PodSpec: {
    containers: mergeBy('name', 'Container'),
    initContainers: mergeBy('name', 'Container'),
    volumes: mergeBy('name', 'Volume', 'merge,retainKeys'),
    tolerations: { items: { ref: 'Toleration' } },
    imagePullSecrets: mergeBy('name', 'LocalObjectReference'),
    nodeSelector: stringMap,
    nodeName: scalar,
    restartPolicy: scalar,
  },
  Container: {
    name: scalar,
    image: scalar,
    command: { items: scalar },
    args: { items: scalar },
    ports: mergeBy('containerPort', 'ContainerPort'),
    env: mergeBy('name', 'EnvVar'),
    volumeMounts: mergeBy('mountPath', 'VolumeMount'),
    resources: { ref: 'ResourceRequirements' },
  },
  ContainerPort: { containerPort: scalar, protocol: scalar, name: scalar, hostPort: scalar },
  EnvVar: { name: scalar, value: scalar, valueFrom: { ref: 'EnvVarSource' } },
  EnvVarSource: { fieldRef: { ref: 'ObjectFieldSelector' }, secretKeyRef: { ref: 'SecretKeySelector' } },
  ObjectFieldSelector: { fieldPath: scalar, apiVersion: scalar },
  SecretKeySelector: { name: scalar, key: scalar, optional: scalar },
  VolumeMount: { name: scalar, mountPath: scalar, readOnly: scalar },
  ResourceRequirements: { limits: stringMap, requests: stringMap },
  Volume: {
    name: scalar,
    emptyDir: { ref: 'EmptyDirVolumeSource' },
    configMap: { ref: 'ConfigMapVolumeSource' },
    secret: { ref: 'SecretVolumeSource' },
    hostPath: { ref: 'HostPathVolumeSource' },
  },
  EmptyDirVolumeSource: { medium: scalar, sizeLimit: scalar },
  ConfigMapVolumeSource: { name: scalar, defaultMode: scalar, items: { items: { ref: 'KeyToPath' } } },
  KeyToPath: { key: scalar, path: scalar },
  SecretVolumeSource: { secretName: scalar, defaultMode: scalar },
  HostPathVolumeSource: { path: scalar, type: scalar },
  Toleration: { key: scalar, operator: scalar, value: scalar, effect: scalar, tolerationSeconds: scalar },
  LocalObjectReference: { name: scalar },
  Deployment: { apiVersion: scalar, kind: scalar, metadata: { ref: 'ObjectMeta' }, spec: { ref: 'DeploymentSpec' } },
  DeploymentSpec: {
    replicas: scalar,
    selector: { ref: 'LabelSelector' },
    strategy: { ref: 'DeploymentStrategy', patchStrategy: 'retainKeys' },
    template: { ref: 'PodTemplateSpec' },
  },
  LabelSelector: { matchLabels: stringMap, matchExpressions: { items: { ref: 'LabelSelectorRequirement' } } },
  LabelSelectorRequirement: { key: scalar, operator: scalar, values: { items: scalar } },
  DeploymentStrategy: { type: scalar, rollingUpdate: { ref: 'RollingUpdateDeployment' } },
  RollingUpdateDeployment: { maxSurge: scalar, maxUnavailable: scalar },
  PodTemplateSpec: { metadata: { ref: 'ObjectMeta' }, spec: { ref: 'PodSpec' } },
  Node: { apiVersion: scalar, kind: scalar, metadata: { ref: 'ObjectMeta' }, spec: { ref: 'NodeSpec' }, status: { ref: 'NodeStatus' } },
  NodeSpec: { podCIDR: scalar, podCIDRs: { patchStrategy: 'merge', items: scalar }, taints: { items: { ref: 'Taint' } } },
  Taint: { key: scalar, value: scalar, effect: scalar },
  NodeStatus: { addresses: mergeBy('type', 'NodeAddress'), conditions: mergeBy('type', 'NodeCondition') },
  NodeAddress: { type: scalar, address: scalar },
  NodeCondition: { type: scalar, status: scalar, reason: scalar },
};
