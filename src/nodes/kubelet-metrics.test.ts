import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../client/index.js';
import { rfc3339 } from './format.js';
import { resourceMetricsText, statsSummary } from './kubelet-metrics.js';
import { NODE_SYSTEM_CPU_MILLIS, NODE_SYSTEM_MEMORY_BYTES, NodeStatsCollector, type NodeView } from './node-stats.js';
import { goFormatFloat } from '../machinery/go-format.js';

const T0 = Date.UTC(2026, 0, 1);
const MiB = 2 ** 20;

function runningPod(name: string, startedAt: number, annotations: Record<string, string>): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations },
    spec: { containers: [{ name: 'app' }, { name: 'waiting' }], initContainers: [{ name: 'setup' }] },
    status: {
      phase: 'Running',
      startTime: rfc3339(startedAt),
      initContainerStatuses: [{ name: 'setup', state: { terminated: { exitCode: 0 } } }],
      containerStatuses: [
        { name: 'app', state: { running: { startedAt: rfc3339(startedAt) } } },
        { name: 'waiting', state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
  };
}

const node = (pods: Pod[]): NodeView => ({ name: 'n1', startedAt: T0, memoryCapacityBytes: 4096 * MiB, pods });
const web = runningPod('web', T0 + 10_000, { 'kubets.io/cpu-usage': '250m', 'kubets.io/memory-usage': '64Mi' });

test('/metrics/resource: running containers, their pods and the node, with timestamps', () => {
  const stats = new NodeStatsCollector().collect(node([web]), T0 + 20_000);
  const text = resourceMetricsText(stats);
  const at = T0 + 20_000;
  assert.ok(text.includes('# TYPE container_cpu_usage_seconds_total counter\n'));
  assert.ok(text.includes(`container_cpu_usage_seconds_total{container="app",namespace="default",pod="web"} 2.5 ${at}\n`), text);
  assert.ok(text.includes(`container_memory_working_set_bytes{container="app",namespace="default",pod="web"} ${goFormatFloat(64 * MiB)} ${at}\n`));
  assert.ok(text.includes(`container_start_time_seconds{container="app",namespace="default",pod="web"} ${goFormatFloat((T0 + 10_000) / 1000)} ${at}\n`));
  assert.ok(text.includes(`pod_cpu_usage_seconds_total{namespace="default",pod="web"} 2.5 ${at}\n`));
  assert.ok(text.includes(`pod_memory_working_set_bytes{namespace="default",pod="web"} ${goFormatFloat(64 * MiB)} ${at}\n`));
  // 20 s of the system's share, and the container's 2.5 core-seconds.
  assert.ok(text.includes(`node_cpu_usage_seconds_total ${goFormatFloat((NODE_SYSTEM_CPU_MILLIS / 1000) * 20 + 2.5)} ${at}\n`), text);
  assert.ok(text.includes(`node_memory_working_set_bytes ${goFormatFloat(NODE_SYSTEM_MEMORY_BYTES + 64 * MiB)} ${at}\n`));
  assert.ok(text.includes('resource_scrape_error 0\n'));
  assert.ok(!text.includes('container="waiting"') && !text.includes('container="setup"'), 'only running containers');
});

test('the node CPU counter keeps growing when a pod goes away', () => {
  const collector = new NodeStatsCollector();
  const first = collector.collect(node([web]), T0 + 20_000).cpuCoreSeconds;
  const second = collector.collect(node([]), T0 + 30_000).cpuCoreSeconds;
  assert.equal(second, first + (NODE_SYSTEM_CPU_MILLIS / 1000) * 10);
});

test('/stats/summary: node, pods and containers in the Summary API shape', () => {
  const summary = statsSummary(new NodeStatsCollector().collect(node([web]), T0 + 20_000)) as {
    node: { nodeName: string; cpu: { usageNanoCores: number }; memory: { workingSetBytes: number; availableBytes: number } };
    pods: { podRef: { name: string; uid: string }; containers: { name: string; cpu: { usageCoreNanoSeconds: number } }[]; memory: { workingSetBytes: number } }[];
  };
  assert.equal(summary.node.nodeName, 'n1');
  assert.equal(summary.node.cpu.usageNanoCores, (NODE_SYSTEM_CPU_MILLIS + 250) * 1e6);
  assert.equal(summary.node.memory.availableBytes, 4096 * MiB - summary.node.memory.workingSetBytes);
  assert.deepEqual(summary.pods.map((p) => [p.podRef.name, p.podRef.uid, p.containers.map((c) => [c.name, c.cpu.usageCoreNanoSeconds]), p.memory.workingSetBytes]), [
    ['web', 'uid-web', [['app', 2.5e9]], 64 * MiB],
  ]);
});
