// Plain Node objects for `kubets up --nodes N`, until simulated kubelets register real
// ones: registered once, Ready, never heartbeating.

import { isAlreadyExists } from '../machinery/errors.js';
import type { Registry } from '../apiserver/registry/registry.js';

export async function registerPlainNodes(registry: Registry, count: number): Promise<void> {
  const nodes = registry.storeOf('', 'nodes');
  if (nodes === undefined) return;
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  for (let i = 1; i <= count; i++) {
    const name = `kubets-node-${i}`;
    const zone = zones[(i - 1) % zones.length] as string;
    const capacity = { cpu: '4', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' };
    try {
      await nodes.create('', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels: {
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'topology.kubernetes.io/zone': zone,
            'topology.kubernetes.io/region': 'kubets',
          },
        },
        spec: {},
        status: {
          capacity,
          allocatable: capacity,
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'plain node registered by kubets up' }],
          nodeInfo: { kubeletVersion: 'v1.36.0-kubets', operatingSystem: 'linux', architecture: 'amd64' },
        },
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
}
