// The scheduler against a real in-process kubets with plain Node objects: resource fit,
// taints and tolerations, nodeSelector and node affinity, pod affinity and anti-affinity (and
// the queueing hints that retry a pod when a partner appears or is relabelled), topology
// spread, preemption (and the un-nomination of lower-priority pods), scheduling gates,
// a second profile, and an unschedulable pod's FailedScheduling event and PodScheduled condition
// with upstream's message, scheduled once a fitting node is added.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type Event, type Node, type Pod } from '../../src/client/index.js';
import { runScheduler } from '../../src/scheduler/index.js';
import { parseConfig } from '../../src/scheduler/config/load.js';
import { PDBS, type PodDisruptionBudget } from '../../src/scheduler/plugins/defaultpreemption/pdb.js';
import { missingProgram, startTestCluster, type TestCluster } from './harness.js';

const NS = 'default';

function node(name: string, cpu: string, extra: { labels?: Record<string, string>; taints?: { key: string; value?: string; effect: string }[] } = {}): Node {
  const capacity = { cpu, memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: extra.taints === undefined ? {} : { taints: extra.taints },
    status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, cpu: string, spec: Record<string, unknown> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }], ...spec },
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('scheduler end to end', () => {
  let cluster: TestCluster;
  let client: Client;
  let stop: () => Promise<void>;
  const nodes: string[] = [];

  const addNode = async (n: Node): Promise<void> => {
    await client.nodes().create(n);
    nodes.push(n.metadata!.name!);
  };
  const nodeOf = (name: string): Promise<string> =>
    waitFor(`${name} to be bound`, async () => {
      const p = await client.pods(NS).get(name);
      return p.spec?.nodeName === undefined || p.spec.nodeName === '' ? undefined : p.spec.nodeName;
    });
  const eventsOf = async (name: string): Promise<Event[]> => (await client.events(NS).list()).items.filter((e) => e.involvedObject.name === name);

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 100, burst: 200 });
    const config = parseConfig({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      profiles: [
        { schedulerName: 'default-scheduler' },
        { schedulerName: 'second-scheduler', plugins: { score: { disabled: [{ name: '*' }] } } },
        // Scores by PodTopologySpread alone, with the System default constraints.
        { schedulerName: 'spread-scheduler', plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'PodTopologySpread' }] } } },
        { schedulerName: 'verdict-scheduler', recordVerdicts: true },
      ],
    });
    stop = await runScheduler({ client, config });
  });
  afterEach(async () => {
    await client.pods(NS).deleteCollection({}, { gracePeriodSeconds: 0 });
    for (const name of nodes.splice(0)) await client.nodes().delete(name);
  });
  after(async () => {
    await stop?.();
    await client?.close();
    await cluster?.stop();
  });

  test('a pod lands on the node with room for its requests, with a Scheduled event', async () => {
    await addNode(node('small', '1'));
    await addNode(node('big', '8'));
    await client.pods(NS).create(pod('needs-two', '2'));
    assert.equal(await nodeOf('needs-two'), 'big');
    const scheduled = await waitFor('the Scheduled event', async () => (await eventsOf('needs-two')).find((e) => e.reason === 'Scheduled'));
    assert.equal(scheduled.message, 'Successfully assigned default/needs-two to big');
    assert.equal(scheduled.type, 'Normal');
    assert.equal(scheduled.source?.component, 'default-scheduler');
  });

  test('assumed pods count at once: a burst never overcommits a node', async () => {
    await addNode(node('one', '1'));
    await addNode(node('two', '1'));
    for (let i = 0; i < 4; i++) await client.pods(NS).create(pod(`burst-${i}`, '600m'));
    const placed = await Promise.all([0, 1].map(async (i) => nodeOf(`burst-${i}`)));
    assert.deepEqual(placed.sort(), ['one', 'two']);
    await waitFor('the other two to be reported unschedulable', async () => ((await eventsOf('burst-3')).some((e) => e.reason === 'FailedScheduling') ? true : undefined));
    const pods = (await client.pods(NS).list()).items;
    assert.equal(pods.filter((p) => p.spec?.nodeName).length, 2);
  });

  test('taints keep intolerant pods away; a toleration lets a pod in', async () => {
    await addNode(node('gpu', '4', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
    await addNode(node('plain', '4'));
    await client.pods(NS).create(pod('intolerant', '100m'));
    await client.pods(NS).create(pod('tolerant', '100m', { nodeSelector: { 'kubernetes.io/hostname': 'gpu' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    assert.equal(await nodeOf('intolerant'), 'plain');
    assert.equal(await nodeOf('tolerant'), 'gpu');
  });

  test('nodeSelector, required and preferred node affinity', async () => {
    await addNode(node('zone-a', '4', { labels: { zone: 'a' } }));
    await addNode(node('zone-b', '4', { labels: { zone: 'b' } }));
    await client.pods(NS).create(pod('selector-b', '100m', { nodeSelector: { zone: 'b' } }));
    const required = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } };
    await client.pods(NS).create(pod('required-a', '100m', { affinity: { nodeAffinity: required } }));
    const preferred = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }] };
    for (let i = 0; i < 3; i++) await client.pods(NS).create(pod(`prefers-b-${i}`, '100m', { affinity: { nodeAffinity: preferred } }));
    assert.equal(await nodeOf('selector-b'), 'zone-b');
    assert.equal(await nodeOf('required-a'), 'zone-a');
    for (let i = 0; i < 3; i++) assert.equal(await nodeOf(`prefers-b-${i}`), 'zone-b');
  });

  test('required anti-affinity puts one replica per node; the extra one is unschedulable', async () => {
    for (const name of ['h1', 'h2']) await addNode(node(name, '4'));
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    for (let i = 0; i < 3; i++) {
      const p = pod(`web-${i}`, '100m', { affinity: anti });
      p.metadata!.labels = { app: 'web' };
      await client.pods(NS).create(p);
    }
    const placed = await Promise.all([0, 1].map((i) => nodeOf(`web-${i}`)));
    assert.deepEqual(placed.sort(), ['h1', 'h2']);
    const failed = await waitFor('FailedScheduling', async () => (await eventsOf('web-2')).find((e) => e.reason === 'FailedScheduling'));
    assert.match(failed.message ?? '', /^0\/2 nodes are available: 2 node\(s\) didn't match pod anti-affinity rules\./);
  });

  test('anti-affinity with a namespaceSelector counts the pods of the namespaces it selects by label', async () => {
    await client.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-blue', labels: { team: 'blue' } } });
    try {
      for (const name of ['ns-a', 'ns-b', 'ns-c']) await addNode(node(name, '4'));
      const db = (name: string, namespace: string, nodeName: string): Pod => ({ ...pod(name, '100m', { nodeName }), metadata: { name, namespace, labels: { app: 'db' } } });
      await client.pods('team-blue').create(db('blue-1', 'team-blue', 'ns-a'));
      await client.pods('team-blue').create(db('blue-2', 'team-blue', 'ns-b'));
      // In the pod's own namespace, which the selector does not select.
      await client.pods(NS).create(db('local-db', NS, 'ns-c'));
      const term = { labelSelector: { matchLabels: { app: 'db' } }, namespaceSelector: { matchLabels: { team: 'blue' } }, topologyKey: 'kubernetes.io/hostname' };
      await client.pods(NS).create(pod('away-from-blue', '100m', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }));
      assert.equal(await nodeOf('away-from-blue'), 'ns-c');
    } finally {
      await client.pods('team-blue').deleteCollection({}, { gracePeriodSeconds: 0 });
      await client.namespaces().delete('team-blue');
    }
  });

  test('a pod waiting for its affinity partner is retried as soon as the partner is bound (queueing hints)', async () => {
    await addNode(node('hint-a', '4', { labels: { zone: 'za' } }));
    await addNode(node('hint-b', '4', { labels: { zone: 'zb' } }));
    const term = { labelSelector: { matchLabels: { app: 'partner' } }, topologyKey: 'zone' };
    await client.pods(NS).create(pod('follower', '100m', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }));
    await waitFor('FailedScheduling of follower', async () => (await eventsOf('follower')).find((e) => e.reason === 'FailedScheduling'));
    await client.pods(NS).create({ ...pod('partner', '100m', { nodeSelector: { zone: 'zb' } }), metadata: { name: 'partner', namespace: NS, labels: { app: 'partner' } } });
    assert.equal(await nodeOf('partner'), 'hint-b');
    // Without the assigned-pod event the follower would wait for the 5-minute flush.
    assert.equal(await nodeOf('follower'), 'hint-b');
  });

  test('a pod waiting for an affinity partner is retried as soon as a running pod is relabelled to be that partner', async () => {
    await addNode(node('relabel-a', '4', { labels: { zone: 'ra' } }));
    await addNode(node('relabel-b', '4', { labels: { zone: 'rb' } }));
    await client.pods(NS).create({ ...pod('to-be', '100m', { nodeSelector: { zone: 'rb' } }), metadata: { name: 'to-be', namespace: NS, labels: { app: 'not-yet' } } });
    assert.equal(await nodeOf('to-be'), 'relabel-b');
    const term = { labelSelector: { matchLabels: { app: 'anchor' } }, topologyKey: 'zone' };
    await client.pods(NS).create(pod('drifter', '100m', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }));
    await waitFor('FailedScheduling of drifter', async () => (await eventsOf('drifter')).find((e) => e.reason === 'FailedScheduling'));
    await client.pods(NS).patch('to-be', 'merge', { metadata: { labels: { app: 'anchor' } } });
    // Without the assigned-pod label-update event the drifter would wait for the 5-minute flush.
    assert.equal(await nodeOf('drifter'), 'relabel-b');
  });

  test('a hard topology spread constraint spreads replicas evenly across zones', async () => {
    for (const [name, zone] of [['za-1', 'a'], ['za-2', 'a'], ['zb-1', 'b']] as const) await addNode(node(name, '8', { labels: { 'topology.kubernetes.io/zone': zone } }));
    const constraint = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } };
    for (let i = 0; i < 4; i++) {
      const p = pod(`spread-${i}`, '100m', { topologySpreadConstraints: [constraint] });
      p.metadata!.labels = { app: 'spread' };
      await client.pods(NS).create(p);
    }
    const placed = await Promise.all([0, 1, 2, 3].map((i) => nodeOf(`spread-${i}`)));
    const inA = placed.filter((n) => n.startsWith('za')).length;
    assert.equal(inA, 2, `two per zone, got ${placed.join(',')}`);
  });

  test('a soft topology spread constraint prefers the emptier zone', async () => {
    for (const [name, zone] of [['sa-1', 'a'], ['sa-2', 'a'], ['sb-1', 'b']] as const) await addNode(node(name, '8', { labels: { 'topology.kubernetes.io/zone': zone } }));
    const constraint = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'soft' } } };
    const placed: string[] = [];
    // Without the constraint, per-node balancing would put 2 of 6 on the lone zone-b node.
    for (let i = 0; i < 6; i++) {
      const p = pod(`soft-${i}`, '100m', { topologySpreadConstraints: [constraint] });
      p.metadata!.labels = { app: 'soft' };
      await client.pods(NS).create(p);
      placed.push(await nodeOf(`soft-${i}`));
    }
    assert.equal(placed.filter((n) => n === 'sb-1').length, 3, `three in zone b, got ${placed.join(',')}`);
  });

  test('an unschedulable pod gets upstream message as event and condition, and is scheduled when a fitting node arrives', async () => {
    for (const name of ['cpu-1', 'cpu-2']) await addNode(node(name, '1'));
    for (const name of ['tainted-1', 'tainted-2', 'tainted-3']) await addNode(node(name, '8', { taints: [{ key: 'key', value: 'value', effect: 'NoSchedule' }] }));
    await client.pods(NS).create(pod('too-big', '2'));
    const expected =
      '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {key: value}. ' +
      'preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.';
    const failed = await waitFor('FailedScheduling', async () => (await eventsOf('too-big')).find((e) => e.reason === 'FailedScheduling'));
    assert.equal(failed.type, 'Warning');
    assert.equal(failed.message, expected);
    const condition = await waitFor('PodScheduled=False', async () => (await client.pods(NS).get('too-big')).status?.conditions?.find((c) => c.type === 'PodScheduled'));
    assert.deepEqual([condition.status, condition.reason, condition.message], ['False', 'Unschedulable', expected]);
    if (missingProgram('kubectl') === undefined) {
      const described = await cluster.kubectl(['describe', 'pod', 'too-big']);
      assert.match(described.stdout, /Warning\s+FailedScheduling\s+.*0\/5 nodes are available: 2 Insufficient cpu/);
    }
    await addNode(node('roomy', '4'));
    assert.equal(await nodeOf('too-big'), 'roomy');
  });

  test('a higher-priority pod preempts a lower-priority one and takes its place', async () => {
    await addNode(node('crowded', '1'));
    await client.pods(NS).create(pod('victim', '800m'));
    assert.equal(await nodeOf('victim'), 'crowded');
    await client.pods(NS).create(pod('preemptor', '800m', { priority: 1000 }));
    const nominated = await waitFor('nominatedNodeName', async () => (await client.pods(NS).get('preemptor')).status?.nominatedNodeName as string | undefined);
    assert.equal(nominated, 'crowded');
    // The nomination is one write, the eviction two (condition, then delete): wait for them.
    const victim = await waitFor('the victim deleted gracefully', async () => {
      const v = await client.pods(NS).get('victim');
      return v.metadata?.deletionTimestamp === undefined ? undefined : v;
    });
    const target = victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.deepEqual([target?.status, target?.reason], ['True', 'PreemptionByScheduler']);
    const preempted = await waitFor('the Preempted event', async () => (await eventsOf('victim')).find((e) => e.reason === 'Preempted'));
    assert.match(preempted.message ?? '', /^Preempted by pod .+ on node crowded$/);
    // No kubelet here: finish the victim's termination as one would.
    await client.pods(NS).delete('victim', { gracePeriodSeconds: 0 });
    assert.equal(await nodeOf('preemptor'), 'crowded');
  });

  test('a higher-priority preemptor takes the node a lower-priority pod was nominated to: that nomination is cleared and the pod tried again', async () => {
    await addNode(node('contested', '1'));
    await client.pods(NS).create(pod('occupant', '800m'));
    assert.equal(await nodeOf('occupant'), 'contested');
    const nominationOf = async (name: string) => (await client.pods(NS).get(name)).status?.nominatedNodeName as string | undefined;
    const conditionOf = async (name: string) => (await client.pods(NS).get(name)).status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;
    await client.pods(NS).create(pod('middle', '800m', { priority: 100 }));
    assert.equal(await waitFor('middle nominated', () => nominationOf('middle')), 'contested');
    const before = await waitFor('middle\'s condition', () => conditionOf('middle'));
    // The occupant is terminating (no kubelet); a more important pod comes for the same room.
    await client.pods(NS).create(pod('top', '800m', { priority: 1000 }));
    assert.equal(await waitFor('top nominated', () => nominationOf('top')), 'contested');
    await waitFor('middle\'s nomination cleared', async () => ((await nominationOf('middle')) === undefined ? true : undefined));
    // Its nomination gone, middle is tried again (not left waiting for the occupant): the
    // room is promised to top now.
    const after = await waitFor('middle tried again', async () => {
      const message = await conditionOf('middle');
      return message !== before ? message : undefined;
    });
    assert.match(after ?? '', /^0\/1 nodes are available: 1 Insufficient cpu\. preemption: /);
    await client.pods(NS).delete('occupant', { gracePeriodSeconds: 0 });
    assert.equal(await nodeOf('top'), 'contested');
  });

  test('preemption spares a pod whose PodDisruptionBudget allows no disruption, evicting another instead', async () => {
    const pdbs = client.resource<PodDisruptionBudget>(PDBS).namespace(NS);
    await pdbs.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'keep-newer' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'newer' } } } } as PodDisruptionBudget);
    try {
      await addNode(node('guarded', '2'));
      for (const name of ['older', 'newer']) {
        await client.pods(NS).create({ ...pod(name, '1'), metadata: { name, namespace: NS, labels: { app: name } } });
        assert.equal(await nodeOf(name), 'guarded');
      }
      await client.pods(NS).create(pod('urgent', '1', { priority: 1000 }));
      await waitFor('a victim', async () => ((await client.pods(NS).get('older')).metadata?.deletionTimestamp === undefined ? undefined : true));
      // Without the budget the less important (newer) pod would have been the victim.
      assert.equal((await client.pods(NS).get('newer')).metadata?.deletionTimestamp, undefined);
    } finally {
      await pdbs.delete('keep-newer');
    }
  });

  test('a second preemptor counts the room the first was nominated for: together they take three victims, and both land', async () => {
    await addNode(node('shared', '4'));
    for (let i = 0; i < 4; i++) {
      await client.pods(NS).create(pod(`low-${i}`, '900m'));
      assert.equal(await nodeOf(`low-${i}`), 'shared');
    }
    const nominated = (name: string) => waitFor(`${name} to be nominated`, async () => (await client.pods(NS).get(name)).status?.nominatedNodeName as string | undefined);
    await client.pods(NS).create(pod('first', '1500m', { priority: 1000 }));
    assert.equal(await nominated('first'), 'shared');
    await client.pods(NS).create(pod('second', '1500m', { priority: 1000 }));
    assert.equal(await nominated('second'), 'shared');
    // 4 CPUs hold both preemptors (3) and one 900m pod: three must go, not the same two twice.
    const terminating = async () => (await client.pods(NS).list()).items.filter((p) => p.metadata?.name?.startsWith('low-') && p.metadata.deletionTimestamp !== undefined);
    const victims = await waitFor('three victims', async () => ((await terminating()).length === 3 ? terminating() : undefined));
    // No kubelet here: finish the victims' termination as one would.
    for (const victim of victims) await client.pods(NS).delete(victim.metadata!.name!, { gracePeriodSeconds: 0 });
    assert.deepEqual([await nodeOf('first'), await nodeOf('second')], ['shared', 'shared']);
  });

  test('a gated pod waits without a FailedScheduling event until its gates are removed', async () => {
    await addNode(node('gate-node', '4'));
    await client.pods(NS).create(pod('gated', '100m', { schedulingGates: [{ name: 'example.com/wait' }] }));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await client.pods(NS).get('gated')).spec?.nodeName, undefined);
    assert.deepEqual(await eventsOf('gated'), []);
    await client.pods(NS).patch('gated', 'json', [{ op: 'remove', path: '/spec/schedulingGates' }]);
    assert.equal(await nodeOf('gated'), 'gate-node');
  });

  test('pods of a Service without constraints of their own are spread over nodes by the System default constraints', async () => {
    const services = client.resource<{ metadata?: { name?: string } }>({ group: '', version: 'v1', resource: 'services' }).namespace(NS);
    await services.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'spread' }, spec: { selector: { app: 'spread' }, ports: [{ port: 80 }] } } as never);
    try {
      await addNode(node('left', '4'));
      await addNode(node('right', '4'));
      const placed: string[] = [];
      for (let i = 0; i < 6; i++) {
        const name = `spread-${i}`;
        await client.pods(NS).create({ ...pod(name, '100m', { schedulerName: 'spread-scheduler' }), metadata: { name, namespace: NS, labels: { app: 'spread' } } });
        placed.push(await nodeOf(name));
      }
      // Every pod goes to the node with fewer of them (random ties only between equals).
      for (let i = 1; i < placed.length; i += 2) assert.notEqual(placed[i], placed[i - 1], placed.join(','));
      assert.equal(placed.filter((n) => n === 'left').length, 3, placed.join(','));
    } finally {
      await services.delete('spread');
    }
  });

  test('a second profile schedules the pods that name it, reporting under its own name', async () => {
    await addNode(node('second-node', '4'));
    await client.pods(NS).create(pod('by-second', '100m', { schedulerName: 'second-scheduler' }));
    await client.pods(NS).create(pod('by-nobody', '100m', { schedulerName: 'no-such-scheduler' }));
    assert.equal(await nodeOf('by-second'), 'second-node');
    const scheduled = await waitFor('the Scheduled event', async () => (await eventsOf('by-second')).find((e) => e.reason === 'Scheduled'));
    assert.equal(scheduled.source?.component, 'second-scheduler');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await client.pods(NS).get('by-nobody')).spec?.nodeName, undefined);
  });
  test('a profile with recordVerdicts annotates each pod with the Filter verdicts and Scores of the nodes considered', async () => {
    await addNode(node('verdict-small', '1'));
    await addNode(node('verdict-a', '4'));
    await addNode(node('verdict-b', '8'));
    await client.pods(NS).create(pod('explained', '2', { schedulerName: 'verdict-scheduler' }));
    assert.equal(await nodeOf('explained'), 'verdict-b');
    const annotations = (await client.pods(NS).get('explained')).metadata?.annotations ?? {};
    const read = (key: string) => JSON.parse(annotations[`kube-scheduler-simulator.sigs.k8s.io/${key}`] ?? '{}') as Record<string, Record<string, string>>;
    assert.equal(read('filter-result')['verdict-small']?.NodeResourcesFit, 'Insufficient cpu');
    assert.equal(read('filter-result')['verdict-a']?.NodeResourcesFit, 'passed');
    // LeastAllocated: cpu (8−2)/8 = 75 and memory 97 → 86 on b; (4−2)/4 = 50 and 97 → 73 on a.
    assert.deepEqual([read('score-result')['verdict-b']?.NodeResourcesFit, read('score-result')['verdict-a']?.NodeResourcesFit], ['86', '73']);
    assert.equal(read('finalscore-result')['verdict-b']?.TaintToleration, '300');
    // The default profile records nothing.
    await client.pods(NS).create(pod('unexplained', '100m'));
    await nodeOf('unexplained');
    assert.equal((await client.pods(NS).get('unexplained')).metadata?.annotations?.['kube-scheduler-simulator.sigs.k8s.io/filter-result'], undefined);
  });

  test('`kubets scheduler` with a config file and leader election schedules for its profile and stops on SIGTERM', async () => {
    await addNode(node('cli-node', '4'));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubets-sched-cli-'));
    const config = path.join(dir, 'config.yaml');
    writeFileSync(config, ['apiVersion: kubescheduler.config.k8s.io/v1', 'kind: KubeSchedulerConfiguration', 'profiles:', '- schedulerName: cli-scheduler', ''].join('\n'));
    const script = `import { schedulerCommand } from ${JSON.stringify(path.resolve('src/scheduler/cli.ts'))}; process.exitCode = await schedulerCommand(process.argv.slice(1));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--kubeconfig', cluster.plane.kubeconfigPath, '--config', config, '--leader-elect', '--record-verdicts'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await client.pods(NS).create(pod('by-cli', '100m', { schedulerName: 'cli-scheduler' }));
      assert.equal(await nodeOf('by-cli'), 'cli-node');
      // --record-verdicts: the Binding carried the Filter verdicts onto the pod.
      const annotations = (await client.pods(NS).get('by-cli')).metadata?.annotations ?? {};
      const filters = JSON.parse(annotations['kube-scheduler-simulator.sigs.k8s.io/filter-result'] ?? '{}') as Record<string, Record<string, string>>;
      assert.equal(filters['cli-node']?.NodeResourcesFit, 'passed');
      assert.ok('kube-scheduler-simulator.sigs.k8s.io/finalscore-result' in annotations);
      const lease = await client.leases('kube-system').get('kube-scheduler');
      assert.match(lease.spec?.holderIdentity ?? '', /_\d+$/);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
