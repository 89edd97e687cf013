// A simulated node's resource usage at one moment, which /metrics/resource and
// /stats/summary render: each running container's CPU (a rate, and core-seconds since it
// started) and memory working set (resource-usage.ts), summed per pod and for the node,
// plus what the node's own system uses.

import type { Container, Pod } from '../client/index.js';
import { containerUsage } from './resource-usage.js';

/** What a node uses besides its pods (kubelet, runtime, system daemons). */
export const NODE_SYSTEM_CPU_MILLIS = 100;
export const NODE_SYSTEM_MEMORY_BYTES = 512 * 2 ** 20;

export interface Usage {
  /** CPU time since the start, in core-seconds (a counter). */
  readonly cpuCoreSeconds: number;
  /** CPU in use now, in thousandths of a core. */
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

export interface ContainerStats extends Usage {
  readonly name: string;
  /** ms since the epoch. */
  readonly startedAt: number;
}

export interface PodStats extends Usage {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly startedAt: number;
  readonly containers: readonly ContainerStats[];
}

export interface NodeStats extends Usage {
  readonly nodeName: string;
  readonly startedAt: number;
  /** When the figures were taken (ms since the epoch). */
  readonly at: number;
  readonly memoryAvailableBytes: number;
  readonly pods: readonly PodStats[];
}

/** What the collector needs to know about a node. */
export interface NodeView {
  readonly name: string;
  /** When the simulated kubelet started (ms since the epoch). */
  readonly startedAt: number;
  readonly memoryCapacityBytes: number;
  /** The pods bound to the node, as the simulator's informer has them. */
  readonly pods: readonly Pod[];
}

interface ContainerStatusView {
  name: string;
  state?: { running?: { startedAt?: string } };
}

/**
 * Contract: a node's cpuCoreSeconds never goes down from one collection to the next, as
 * a CPU counter must not, although pods (and their own counters) come and go: after the
 * first collection it grows by the node's current rate times the time since the last.
 */
export class NodeStatsCollector {
  private readonly counters = new Map<string, { at: number; coreSeconds: number }>();

  collect(node: NodeView, now: number): NodeStats {
    const pods = node.pods.flatMap((pod) => podStats(pod, now) ?? []);
    const cpuMillis = NODE_SYSTEM_CPU_MILLIS + sum(pods, (p) => p.cpuMillis);
    const memoryBytes = NODE_SYSTEM_MEMORY_BYTES + sum(pods, (p) => p.memoryBytes);
    const last = this.counters.get(node.name);
    const cpuCoreSeconds =
      last === undefined
        ? (NODE_SYSTEM_CPU_MILLIS / 1000) * seconds(now - node.startedAt) + sum(pods, (p) => p.cpuCoreSeconds)
        : last.coreSeconds + (cpuMillis / 1000) * seconds(now - last.at);
    this.counters.set(node.name, { at: Math.max(now, last?.at ?? now), coreSeconds: cpuCoreSeconds });
    return {
      nodeName: node.name,
      startedAt: node.startedAt,
      at: now,
      cpuCoreSeconds,
      cpuMillis,
      memoryBytes,
      memoryAvailableBytes: Math.max(0, node.memoryCapacityBytes - memoryBytes),
      pods,
    };
  }
}

/** The pod's running containers (app containers and running sidecars); undefined when none runs. */
function podStats(pod: Pod, now: number): PodStats | undefined {
  const status = (pod.status ?? {}) as { startTime?: string; containerStatuses?: ContainerStatusView[]; initContainerStatuses?: ContainerStatusView[] };
  const specs = new Map<string, Container>([...((pod.spec?.initContainers ?? []) as Container[]), ...(pod.spec?.containers ?? [])].map((c) => [c.name, c]));
  const containers: ContainerStats[] = [];
  for (const s of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const startedAt = Date.parse(s.state?.running?.startedAt ?? '');
    const spec = specs.get(s.name);
    if (Number.isNaN(startedAt) || spec === undefined) continue;
    const usage = containerUsage(pod, spec);
    containers.push({ name: s.name, startedAt, cpuMillis: usage.cpuMillis, memoryBytes: usage.memoryBytes, cpuCoreSeconds: (usage.cpuMillis / 1000) * seconds(now - startedAt) });
  }
  if (containers.length === 0) return undefined;
  const started = Date.parse(status.startTime ?? '');
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    startedAt: Number.isNaN(started) ? Math.min(...containers.map((c) => c.startedAt)) : started,
    containers,
    cpuMillis: sum(containers, (c) => c.cpuMillis),
    memoryBytes: sum(containers, (c) => c.memoryBytes),
    cpuCoreSeconds: sum(containers, (c) => c.cpuCoreSeconds),
  };
}

function seconds(ms: number): number {
  return Math.max(0, ms) / 1000;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}
