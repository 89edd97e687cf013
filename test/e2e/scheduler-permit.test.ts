// Permit's Wait, end to end: an out-of-tree plugin (registered as upstream's app.WithPlugin
// registers one) parks pods labelled `gate`; the test acts through the handle the plugin
// got — allow, reject, or let the timeout pass — and watches the real API: a parked pod
// stays assumed (its room is taken), an allowed one is bound, a rejected or timed-out one
// gets FailedScheduling with upstream's message, a deleted one is let go.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, type Event, type Node, type Pod } from '../../src/client/index.js';
import { Scheduler, type Factory, type SchedulerHandle } from '../../src/scheduler/index.js';
import { Status } from '../../src/scheduler/framework/status.js';
import { parseConfig } from '../../src/scheduler/config/load.js';
import { withOutOfTree } from '../../src/scheduler/scheduler.js';
import { eventuallyNamed, startTestCluster, type TestCluster } from './harness.js';

const NS = 'default';

function node(name: string, cpu: string): Node {
  const capacity = { cpu, memory: '8Gi', pods: '110' };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } };
}

function pod(name: string, cpu: string, waitMs?: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, ...(waitMs === undefined ? {} : { labels: { gate: 'yes' }, annotations: { 'test/wait-ms': String(waitMs) } }) },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
  };
}

describe('Permit Wait with an out-of-tree plugin', () => {
  let cluster: TestCluster;
  let client: Client;
  let scheduler: Scheduler;
  let handle: SchedulerHandle | undefined;

  const gate: Factory = (_args, h) => {
    handle = h;
    return {
      name: 'Gate',
      permit: (_state, p) => {
        const ms = p.metadata?.annotations?.['test/wait-ms'];
        return ms === undefined ? { status: Status.success() } : { status: new Status('Wait'), timeoutMs: Number(ms) };
      },
    };
  };
  const uidOf = async (name: string): Promise<string> => (await client.pods(NS).get(name)).metadata!.uid!;
  const parked = (name: string) => eventuallyNamed(`${name} to wait at Permit`, async () => handle!.getWaitingPod(await uidOf(name)), 10_000);
  const failure = (name: string) =>
    eventuallyNamed(`FailedScheduling of ${name}`, async () => (await client.events(NS).list()).items.find((e: Event) => e.involvedObject.name === name && e.reason === 'FailedScheduling'), 10_000);

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 100, burst: 200 });
    const registry = withOutOfTree(new Map([['Gate', gate]]));
    const config = parseConfig(
      { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [{ schedulerName: 'default-scheduler', plugins: { permit: { enabled: [{ name: 'Gate' }] } } }] },
      registry,
    );
    scheduler = new Scheduler({ client, config, outOfTree: new Map([['Gate', gate]]) });
    await scheduler.start();
    await client.nodes().create(node('only', '1'));
  });
  after(async () => {
    await scheduler?.stop();
    await client?.close();
    await cluster?.stop();
  });

  test('a parked pod stays assumed; reject sends it back with the plugin\'s message and frees its room for a waiting pod', async () => {
    await client.pods(NS).create(pod('held', '600m', 60_000));
    const waiting = await parked('held');
    assert.deepEqual(waiting.pendingPlugins(), ['Gate']);
    assert.equal(scheduler.cache.isAssumed(waiting.pod), true);
    // The parked pod's 600m count: another 600m pod does not fit beside it.
    await client.pods(NS).create(pod('beside', '600m'));
    assert.equal((await failure('beside')).message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    waiting.reject('Gate', 'gang is incomplete');
    assert.equal((await failure('held')).message, 'gang is incomplete');
    assert.equal(handle!.getWaitingPod(await uidOf('held')), undefined);
    assert.equal(scheduler.cache.isAssumed(waiting.pod), false);
    assert.equal((await client.pods(NS).get('held')).spec?.nodeName, undefined);
    // Forgetting the parked pod is an assigned pod's deletion for the pool (else `beside`
    // would wait for the pool's 5-minute flush).
    await eventuallyNamed('beside to be bound', async () => ((await client.pods(NS).get('beside')).spec?.nodeName === 'only' ? true : undefined), 10_000);
    await client.pods(NS).deleteCollection({}, { gracePeriodSeconds: 0 });
  });

  test('the timeout rejects with upstream\'s message', async () => {
    await client.pods(NS).create(pod('slow', '100m', 300));
    assert.equal((await failure('slow')).message, 'rejected due to timeout after waiting 300ms at plugin Gate');
    assert.match(scheduler.metrics.expose(), /^scheduler_permit_wait_duration_seconds_count\{result="Unschedulable"\} [1-9]/m);
  });

  test('allow lets the binding go on; deleting a parked pod lets it go', async () => {
    await client.pods(NS).create(pod('allowed', '100m', 60_000));
    await client.pods(NS).create(pod('deleted', '100m', 60_000));
    const seen: string[] = [];
    await parked('allowed');
    await parked('deleted');
    handle!.iterateOverWaitingPods((w) => seen.push(w.pod.metadata!.name!));
    assert.deepEqual(seen.sort(), ['allowed', 'deleted']);
    (await parked('allowed')).allow('Gate');
    await eventuallyNamed('allowed to be bound', async () => ((await client.pods(NS).get('allowed')).spec?.nodeName === 'only' ? true : undefined), 10_000);
    const uid = await uidOf('deleted');
    await client.pods(NS).delete('deleted', { gracePeriodSeconds: 0 });
    await eventuallyNamed('deleted to leave the waiting pods', async () => (handle!.getWaitingPod(uid) === undefined ? true : undefined), 10_000);
  });
});
