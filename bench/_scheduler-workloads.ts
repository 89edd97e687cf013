// The workloads of bench/scheduler.ts, after upstream's scheduler_perf configuration
// (test/integration/scheduler_perf/config/performance-config.yaml and its templates):
// plain Node objects of 4 CPU, 32Gi and 110 pods; pods of 100m / 500Mi unless the workload
// says otherwise. Each workload creates its nodes, then `initPods` (scheduled, not
// measured), then `measurePods`, whose scheduling rate is the figure.

import type { Node, Pod } from '../src/client/index.js';

export interface Workload {
  readonly name: string;
  readonly nodes: number;
  readonly initPods: number;
  readonly measurePods: number;
  /** Upstream's CI threshold for this workload, in pods/s. */
  readonly threshold: number;
  readonly node: (i: number) => Node;
  readonly initPod: (i: number) => Pod;
  readonly measurePod: (i: number) => Pod;
  /** PriorityClasses the pods name. */
  readonly priorityClasses?: readonly { name: string; value: number }[];
}

export const SETUP_NAMESPACE = 'sched-setup';
export const TEST_NAMESPACE = 'sched-test';
const ZONE = 'topology.kubernetes.io/zone';

function node(name: string, labels: Record<string, string> = {}): Node {
  const capacity = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'bench node' }],
      phase: 'Running',
    },
  };
}

interface PodShape {
  readonly labels?: Record<string, string>;
  readonly requests?: Record<string, string>;
  readonly spec?: NonNullable<Pod['spec']>;
}

function pod(namespace: string, name: string, shape: PodShape = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, ...(shape.labels ? { labels: shape.labels } : {}) },
    spec: {
      ...shape.spec,
      containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: shape.requests ?? { cpu: '100m', memory: '500Mi' } } }],
    },
  };
}

const plainNode = (i: number) => node(`node-${i}`);
const plainInit = (i: number) => pod(SETUP_NAMESPACE, `init-${i}`);
const plainMeasured = (i: number) => pod(TEST_NAMESPACE, `pod-${i}`);

function antiAffinityPod(namespace: string, name: string): Pod {
  const term = {
    labelSelector: { matchLabels: { color: 'green' } },
    topologyKey: 'kubernetes.io/hostname',
    namespaces: [TEST_NAMESPACE, SETUP_NAMESPACE],
  };
  return pod(namespace, name, { labels: { color: 'green' }, spec: { containers: [], affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } } });
}

function spreadPod(namespace: string, name: string): Pod {
  const constraint = { maxSkew: 5, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { color: 'blue' } } };
  return pod(namespace, name, { labels: { color: 'blue' }, spec: { containers: [], topologySpreadConstraints: [constraint] } });
}

function nodeAffinityPod(namespace: string, name: string): Pod {
  const term = { matchExpressions: [{ key: ZONE, operator: 'In', values: ['zone1', 'zone2'] }] };
  return pod(namespace, name, { spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } } } });
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'SchedulingBasic', nodes: 5000, initPods: 1000, measurePods: 10_000, threshold: 680, node: plainNode, initPod: plainInit, measurePod: plainMeasured },
  {
    name: 'SchedulingPodAntiAffinity', nodes: 5000, initPods: 1000, measurePods: 2000, threshold: 60, node: plainNode,
    initPod: (i) => antiAffinityPod(SETUP_NAMESPACE, `init-${i}`),
    measurePod: (i) => antiAffinityPod(TEST_NAMESPACE, `pod-${i}`),
  },
  {
    name: 'TopologySpreading', nodes: 5000, initPods: 5000, measurePods: 5000, threshold: 85,
    node: (i) => node(`node-${i}`, { [ZONE]: ['moon-1', 'moon-2', 'moon-3'][i % 3]! }),
    initPod: plainInit,
    measurePod: (i) => spreadPod(TEST_NAMESPACE, `pod-${i}`),
  },
  {
    name: 'SchedulingNodeAffinity', nodes: 5000, initPods: 5000, measurePods: 10_000, threshold: 220,
    node: (i) => node(`node-${i}`, { [ZONE]: 'zone1' }),
    initPod: (i) => nodeAffinityPod(SETUP_NAMESPACE, `init-${i}`),
    measurePod: (i) => nodeAffinityPod(TEST_NAMESPACE, `pod-${i}`),
  },
  {
    // 2,000 low-priority pods of 900m fill 500 nodes (3.6 of 4 CPUs each); each
    // high-priority pod of 3 CPUs must preempt three of them. There is no kubelet to end a
    // graceful deletion, so the victims have a grace period of 0 and go at once.
    name: 'PreemptionBasic', nodes: 500, initPods: 2000, measurePods: 500, threshold: 18, node: plainNode,
    priorityClasses: [{ name: 'bench-low', value: 1 }, { name: 'bench-high', value: 10 }],
    initPod: (i) => pod(SETUP_NAMESPACE, `init-${i}`, { requests: { cpu: '900m', memory: '500Mi' }, spec: { containers: [], priorityClassName: 'bench-low', terminationGracePeriodSeconds: 0 } }),
    measurePod: (i) => pod(TEST_NAMESPACE, `pod-${i}`, { requests: { cpu: '3000m', memory: '500Mi' }, spec: { containers: [], priorityClassName: 'bench-high' } }),
  },
];
