// A node's usage (node-stats.ts) in the two shapes a kubelet serves it:
//   /metrics/resource — Prometheus text, the metric names and labels metrics-server reads
//                       (container_*, pod_*, node_*, with sample timestamps in ms);
//   /stats/summary    — the Summary API's JSON (stats/v1alpha1): node, pods, containers.

import { familyHeader, sampleLine } from '../machinery/metrics/text.js';
import { rfc3339 } from './format.js';
import type { NodeStats, Usage } from './node-stats.js';

export { PROMETHEUS_TEXT } from '../machinery/metrics/text.js';

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  readonly samples: readonly (readonly [Labels, number])[];
}

/** The node's resource metrics in the Prometheus text format. */
export function resourceMetricsText(stats: NodeStats): string {
  const containers = stats.pods.flatMap((pod) => pod.containers.map((c) => [{ container: c.name, namespace: pod.namespace, pod: pod.name }, c] as const));
  const pods = stats.pods.map((pod) => [{ namespace: pod.namespace, pod: pod.name }, pod] as const);
  const families: Family[] = [
    { name: 'container_cpu_usage_seconds_total', type: 'counter', help: 'CPU time the container has used, in core-seconds', samples: containers.map(([l, c]) => [l, c.cpuCoreSeconds]) },
    { name: 'container_memory_working_set_bytes', type: 'gauge', help: 'The working set of the container, in bytes', samples: containers.map(([l, c]) => [l, c.memoryBytes]) },
    { name: 'container_start_time_seconds', type: 'gauge', help: 'When the container started, in seconds since the epoch', samples: containers.map(([l, c]) => [l, c.startedAt / 1000]) },
    { name: 'node_cpu_usage_seconds_total', type: 'counter', help: 'CPU time the node has used, in core-seconds', samples: [[{}, stats.cpuCoreSeconds]] },
    { name: 'node_memory_working_set_bytes', type: 'gauge', help: 'The working set of the node, in bytes', samples: [[{}, stats.memoryBytes]] },
    { name: 'pod_cpu_usage_seconds_total', type: 'counter', help: 'CPU time the pod has used, in core-seconds', samples: pods.map(([l, p]) => [l, p.cpuCoreSeconds]) },
    { name: 'pod_memory_working_set_bytes', type: 'gauge', help: 'The working set of the pod, in bytes', samples: pods.map(([l, p]) => [l, p.memoryBytes]) },
    { name: 'resource_scrape_error', type: 'gauge', help: '1 when the usage could not be collected, 0 otherwise', samples: [[{}, 0]] },
  ];
  let out = '';
  for (const family of families) {
    out += familyHeader(family.name, family.type, family.help);
    // resource_scrape_error carries no timestamp, as upstream's does not.
    const at = family.name === 'resource_scrape_error' ? undefined : stats.at;
    for (const [labels, value] of family.samples) out += sampleLine(family.name, Object.entries(labels), value, at);
  }
  return out;
}

/** The node's usage as the kubelet's Summary API (`/stats/summary`) answers it. */
export function statsSummary(stats: NodeStats): unknown {
  const time = rfc3339(stats.at);
  return {
    node: {
      nodeName: stats.nodeName,
      startTime: rfc3339(stats.startedAt),
      cpu: cpu(stats, time),
      memory: { ...memory(stats, time), availableBytes: stats.memoryAvailableBytes },
    },
    pods: stats.pods.map((pod) => ({
      podRef: { name: pod.name, namespace: pod.namespace, uid: pod.uid },
      startTime: rfc3339(pod.startedAt),
      containers: pod.containers.map((c) => ({ name: c.name, startTime: rfc3339(c.startedAt), cpu: cpu(c, time), memory: memory(c, time) })),
      cpu: cpu(pod, time),
      memory: memory(pod, time),
    })),
  };
}

function cpu(usage: Usage, time: string): unknown {
  return { time, usageNanoCores: Math.round(usage.cpuMillis * 1e6), usageCoreNanoSeconds: Math.round(usage.cpuCoreSeconds * 1e9) };
}

function memory(usage: Usage, time: string): { time: string; usageBytes: number; workingSetBytes: number; rssBytes: number; pageFaults: number; majorPageFaults: number } {
  return { time, usageBytes: usage.memoryBytes, workingSetBytes: usage.memoryBytes, rssBytes: usage.memoryBytes, pageFaults: 0, majorPageFaults: 0 };
}
