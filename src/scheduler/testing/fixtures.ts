// Hand-built nodes and pods for the plugin and framework tests.

import type { Node, Pod } from '../../client/index.js';
import { NodeInfo, podEntry } from '../framework/node-info.js';
import type { PodSpecView, Taint } from '../framework/types.js';

export function makeNode(name: string, allocatable: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }, extra: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: extra.labels ?? {} },
    spec: { taints: extra.taints, unschedulable: extra.unschedulable },
    status: { allocatable, capacity: allocatable },
  };
}

export function makePod(name: string, requests: Record<string, string> = {}, spec: Partial<PodSpecView> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { containers: [{ name: 'c', resources: { requests } }], ...spec } as unknown as Pod['spec'],
  };
}

/** A NodeInfo for `node` with `pods` already on it. */
export function nodeInfo(node: Node, ...pods: Pod[]): NodeInfo {
  const info = new NodeInfo(node);
  for (const p of pods) info.addPod(podEntry(p));
  return info;
}
