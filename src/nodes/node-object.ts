// The Node and Lease objects a simulated kubelet registers, in upstream's shape: what a
// kubelet reports about its machine (capacity, addresses, nodeInfo, conditions) and the
// Lease in kube-node-lease it renews as its heartbeat.

import type { Lease, Node } from '../client/index.js';
import { formatIPv4, parseIPv4 } from './addresses.js';
import { digest, rfc3339, microTime, uuidOf } from './format.js';
import type { ContainerImage } from './node-images.js';
import type { PoolConfig } from './pool.js';
import { KUBELET_ENDPOINT_ANNOTATION } from './log-server.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
export const KUBELET_VERSION = 'v1.36.0-kubets';
export const KUBELET_PORT = 10250;

/** What identifies one simulated node of a pool. */
export interface NodeIdentity {
  readonly name: string;
  readonly internalIP: string;
  readonly zone: string;
}

export function nodeIdentity(pool: PoolConfig, index: number): NodeIdentity {
  const zone = pool.zones[(index - 1) % pool.zones.length] ?? 'zone-a';
  return { name: `${pool.namePrefix}${index}`, internalIP: formatIPv4(parseIPv4(pool.nodeIPBase) + index), zone };
}

export interface NodeCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  [field: string]: unknown;
}

/** The four conditions a healthy kubelet reports, as upstream words them. */
/** What an injected fault says in a NotReady node's Ready condition. */
export const NOT_READY_MESSAGE = 'container runtime network not ready: fault injected by the kubets.io/fault annotation';

export function healthyConditions(now: number, transitionedAt: number, ready = true): NodeCondition[] {
  const at = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: rfc3339(now),
    lastTransitionTime: rfc3339(transitionedAt),
  });
  return [
    at('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    at('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    at('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready ? at('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : at('Ready', 'False', 'KubeletNotReady', NOT_READY_MESSAGE),
  ];
}

export function buildNode(pool: PoolConfig, id: NodeIdentity, podCIDR: string, now: number, images: ContainerImage[], kubeletEndpoint?: string): Node {
  const labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': id.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': pool.instanceType,
    'topology.kubernetes.io/region': pool.region,
    'topology.kubernetes.io/zone': id.zone,
    ...pool.labels,
  };
  const spec: NonNullable<Node['spec']> = { podCIDR, podCIDRs: [podCIDR], providerID: `kubets://${id.name}` };
  if (pool.taints.length > 0) spec.taints = pool.taints.map((t) => ({ ...t }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'kubets.io/simulated': 'true',
        ...(kubeletEndpoint === undefined ? {} : { [KUBELET_ENDPOINT_ANNOTATION]: kubeletEndpoint }),
      },
    },
    spec,
    status: nodeStatus(pool, id, now, now, images),
  };
}

export function nodeStatus(pool: PoolConfig, id: NodeIdentity, now: number, transitionedAt: number, images: ContainerImage[], ready = true): NonNullable<Node['status']> {
  return {
    capacity: { ...pool.capacity },
    allocatable: { ...pool.capacity },
    conditions: healthyConditions(now, transitionedAt, ready),
    addresses: [
      { type: 'InternalIP', address: id.internalIP },
      { type: 'Hostname', address: id.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: digest(`machine/${id.name}`).slice(0, 32),
      systemUUID: uuidOf(id.name),
      bootID: uuidOf(`boot/${id.name}`),
      kernelVersion: '6.1.0-kubets',
      osImage: 'kubets simulated node',
      containerRuntimeVersion: 'kubets://0.1.0',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images,
  };
}

export function buildLease(node: Node, now: number): Lease {
  const name = node.metadata?.name ?? '';
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid ?? '' }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(now) },
  };
}
