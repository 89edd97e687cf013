// Simulated nodes against a real kubets: registration with upstream's shape and a fresh
// Lease, pods bound by spec.nodeName reaching Running with an IP (as kubectl shows it), a
// Job-style pod reaching Succeeded, `kubectl delete pod` returning quickly, and a node
// whose heartbeats stopped going stale. One server and one simulator for the file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, FakeClock, InformerFactory, silentLogger, type Lease, type Node, type Pod } from '../../src/client/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodesCommand } from '../../src/nodes/cli.js';
import { microTime } from '../../src/nodes/format.js';
import { makePool } from '../../src/nodes/pool.js';
import { runNodes, type NodeSimulator } from '../../src/nodes/simulator.js';
import { eventuallyNamed, missingProgram, startTestCluster, type TestCluster } from './harness.js';

const skip = missingProgram('kubectl');

describe('simulated nodes', { skip }, () => {
  let cluster: TestCluster;
  let client: Client;
  let sim: NodeSimulator;
  const k = async (...args: string[]) => {
    const result = await cluster.kubectl(args);
    assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const podSpec = (name: string, node: string, extra: { restartPolicy?: string; annotations?: Record<string, string> } = {}): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, annotations: extra.annotations },
    spec: {
      nodeName: node,
      restartPolicy: extra.restartPolicy ?? 'Always',
      initContainers: [{ name: 'setup', image: 'busybox' }],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    },
  });
  const podPhase = (name: string, phase: string) =>
    eventuallyNamed(`pod ${name} ${phase}`, async () => {
      const pod = await client.pods('default').get(name);
      return pod.status?.phase === phase ? pod : undefined;
    });

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 100, burst: 200 });
    sim = await runNodes({
      client,
      logger: silentLogger,
      pool: makePool({ count: 3, namePrefix: 'sim-', taints: [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }], capacity: { 'nvidia.com/gpu': '2' } }),
      // Short heartbeats so that a stopped node goes visibly stale within the test.
      heartbeat: { leaseRenewMs: 500, slots: 5 },
    });
  });
  after(async () => {
    await sim?.stop();
    await client?.close();
    await cluster?.stop();
  });

  test('nodes register with upstream shape, Ready, with a fresh Lease', async () => {
    assert.deepEqual(sim.nodeNames(), ['sim-1', 'sim-2', 'sim-3']);
    const node: Node = await client.nodes().get('sim-2');
    const labels = node.metadata?.labels ?? {};
    assert.equal(labels['kubernetes.io/hostname'], 'sim-2');
    assert.equal(labels['kubernetes.io/os'], 'linux');
    assert.equal(labels['topology.kubernetes.io/zone'], 'zone-b');
    assert.equal(node.status?.capacity?.cpu, '4');
    assert.equal(node.status?.allocatable?.['nvidia.com/gpu'], '2');
    assert.deepEqual(node.spec?.taints, [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.match(String(node.spec?.podCIDR), /^10\.244\.\d+\.0\/24$/);
    assert.deepEqual(node.status?.conditions?.map((c) => [c.type, c.status]), [
      ['MemoryPressure', 'False'],
      ['DiskPressure', 'False'],
      ['PIDPressure', 'False'],
      ['Ready', 'True'],
    ]);
    assert.match(String((node.status?.nodeInfo as { kubeletVersion?: string }).kubeletVersion), /kubets/);
    const lease: Lease = await client.leases('kube-node-lease').get('sim-2');
    assert.equal(lease.spec?.holderIdentity, 'sim-2');
    assert.ok(Date.now() - Date.parse(String(lease.spec?.renewTime)) < 5_000, `lease renewed at ${lease.spec?.renewTime}`);
    const wide = await k('get', 'nodes', '-o', 'wide');
    assert.match(wide, /^sim-1\s+Ready\s+/m);
    assert.match(wide, /v1\.\d+\.\d+-kubets/);
  });

  test('a pod bound with spec.nodeName runs, with an IP from the node podCIDR', async () => {
    await client.pods('default').create(podSpec('web', 'sim-1'));
    const pod = await podPhase('web', 'Running');
    const node = await client.nodes().get('sim-1');
    const prefix = String(node.spec?.podCIDR).replace(/0\/24$/, '');
    assert.ok(pod.status?.podIP?.startsWith(prefix), `${pod.status?.podIP} not in ${node.spec?.podCIDR}`);
    assert.equal(pod.status?.hostIP, '172.18.0.2');
    const statuses = pod.status?.containerStatuses as { ready: boolean; state: { running?: unknown }; containerID: string }[];
    assert.equal(statuses[0]?.ready, true);
    assert.ok(statuses[0]?.state.running);
    assert.match(statuses[0]?.containerID ?? '', /^kubets:\/\/[0-9a-f]{64}$/);
    const init = pod.status?.initContainerStatuses as { state: { terminated?: { reason: string } } }[];
    assert.equal(init[0]?.state.terminated?.reason, 'Completed');
    const wide = await k('get', 'pod', 'web', '-o', 'wide');
    assert.match(wide, new RegExp(`^web\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+${pod.status?.podIP?.replace(/\./g, '\\.')}\\s+sim-1\\s`, 'm'));
  });

  test('node.status.images lists the pre-pulled sandbox image, then the images its pods ran', async () => {
    const names = (node: Node) => ((node.status?.images ?? []) as { names: string[] }[]).flatMap((i) => i.names);
    const registered = await client.nodes().get('sim-3');
    assert.deepEqual(names(registered).filter((n) => !n.includes('@')), ['registry.k8s.io/pause:3.10']);
    await client.pods('default').create(podSpec('imaged', 'sim-3'));
    const pod = await podPhase('imaged', 'Running');
    const node = await eventuallyNamed('sim-3 lists the pod images', async () => {
      const current = await client.nodes().get('sim-3');
      return names(current).includes('docker.io/library/nginx:1.27') ? current : undefined;
    });
    assert.ok(names(node).includes('docker.io/library/busybox:latest'), 'the init container image');
    assert.ok(names(node).includes('registry.k8s.io/pause:3.10'));
    const imageID = (pod.status?.containerStatuses as { imageID: string }[])[0]?.imageID ?? '';
    assert.ok(names(node).includes(imageID), 'the digest name is the imageID the pod reports');
    const sizes = ((node.status?.images ?? []) as { sizeBytes: number }[]).map((i) => i.sizeBytes);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'largest first');
    await client.pods('default').delete('imaged', { gracePeriodSeconds: 0 });
  });

  test('kubectl logs prints the container lines, honours --tail, and follows with -f', async () => {
    await podPhase('web', 'Running');
    await new Promise((r) => setTimeout(r, 1100));
    const all = await k('logs', 'web', '-c', 'app');
    assert.match(all, /^simulated log line 1 of default\/web container app$/m);
    const tail = await k('logs', 'web', '-c', 'app', '--tail=1', '--timestamps');
    assert.match(tail.trim(), /^\d{4}-\d\d-\d\dT\S+Z simulated log line \d+ of default\/web container app$/);
    assert.equal(tail.trim().split('\n').length, 1);
    const init = await k('logs', 'web', '-c', 'setup');
    assert.match(init, /simulated log line 1 of default\/web container setup/);
    const choose = await cluster.kubectl(['logs', 'web', '-c', 'nope']);
    assert.notEqual(choose.code, 0);
    assert.match(choose.stderr, /container nope is not valid for pod web/);
    const previous = await cluster.kubectl(['logs', 'web', '-c', 'app', '--previous']);
    assert.notEqual(previous.code, 0);
    assert.match(previous.stderr, /previous terminated container "app" in pod "web" not found/);
    // -f keeps the stream open and brings new lines.
    const { spawn } = await import('node:child_process');
    const follow = spawn('kubectl', ['--kubeconfig', cluster.plane.kubeconfigPath, '--cache-dir', path.join(cluster.home, 'cache'), 'logs', '-f', 'web', '-c', 'app', '--tail=1'], {
      env: { PATH: process.env.PATH ?? '', HOME: cluster.home },
    });
    let out = '';
    follow.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventuallyNamed('two followed lines', async () => (out.trim().split('\n').length >= 2 ? true : undefined), 10_000);
    } finally {
      follow.kill();
    }
  });

  test('the kubelet endpoint of a node serves /metrics/resource and /stats/summary for its pods', async () => {
    await client.pods('default').create({
      ...podSpec('busy', 'sim-2'),
      metadata: { name: 'busy', annotations: { 'kubets.io/cpu-usage': '750m', 'kubets.io/memory-usage': 'app=96Mi' } },
    });
    await podPhase('busy', 'Running');
    const base = (await client.nodes().get('sim-2')).metadata?.annotations?.['kubets.io/kubelet-endpoint'] ?? '';
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/nodes\/sim-2\/$/);
    const metrics = await fetch(new URL('metrics/resource', base));
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    assert.match(text, /^container_memory_working_set_bytes\{container="app",namespace="default",pod="busy"\} 1\.00663296e\+08 \d+$/m);
    assert.match(text, /^container_cpu_usage_seconds_total\{container="app",namespace="default",pod="busy"\} [\d.e+-]+ \d+$/m);
    assert.match(text, /^node_cpu_usage_seconds_total [\d.e+-]+ \d+$/m);
    assert.doesNotMatch(text, /pod="web"/, 'pods of other nodes are not here');
    const summary = (await (await fetch(new URL('stats/summary', base))).json()) as { node: { nodeName: string }; pods: { podRef: { name: string }; cpu: { usageNanoCores: number } }[] };
    assert.equal(summary.node.nodeName, 'sim-2');
    assert.deepEqual(summary.pods.map((p) => [p.podRef.name, p.cpu.usageNanoCores]), [['busy', 750e6]]);
    assert.equal((await fetch(new URL('/nodes/elsewhere/stats/summary', base))).status, 404);
    assert.equal((await fetch(new URL('/nodes/%E0%A4%A/stats/summary', base))).status, 400, 'a malformed path is refused, not fatal');

    // The same through the API server's nodes/proxy, as metrics-server and Prometheus reach kubelets.
    const proxied = await k('get', '--raw', '/api/v1/nodes/sim-2/proxy/metrics/resource');
    assert.match(proxied, /^container_memory_working_set_bytes\{container="app",namespace="default",pod="busy"\} 1\.00663296e\+08 \d+$/m);
    const proxiedSummary = JSON.parse(await k('get', '--raw', '/api/v1/nodes/sim-2/proxy/stats/summary')) as { node: { nodeName: string } };
    assert.equal(proxiedSummary.node.nodeName, 'sim-2');
    const missing = await cluster.kubectl(['get', '--raw', '/api/v1/nodes/sim-2/proxy/no/such/path']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /NotFound|404/);
    const noNode = await cluster.kubectl(['get', '--raw', '/api/v1/nodes/nowhere/proxy/metrics/resource']);
    assert.match(noNode.stderr, /nodes "nowhere" not found/);
    const notProxy = await cluster.kubectl(['get', '--raw', '/api/v1/nodes/sim-2/status/extra']);
    assert.match(notProxy.stderr, /NotFound|404/);
    await client.pods('default').delete('busy', { gracePeriodSeconds: 0 });
  });

  test('exec, attach and port-forward say why they cannot connect; a log of a pod of several containers asks which', async () => {
    await podPhase('web', 'Running');
    const exec = await cluster.kubectl(['exec', 'web', '-c', 'app', '--', 'ls']);
    assert.notEqual(exec.code, 0);
    assert.match(exec.stderr, /exec is not available for pod web: node sim-1 is simulated by kubets and runs no processes/);
    const wrong = await cluster.kubectl(['exec', 'web', '-c', 'nope', '--', 'ls']);
    assert.match(wrong.stderr, /container nope is not valid for pod web/);
    const forward = await cluster.kubectl(['port-forward', 'pod/web', '18080:80']);
    assert.match(forward.stderr, /portforward is not available for pod web/);
    await client.pods('default').create({ metadata: { name: 'nowhere' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const unbound = await cluster.kubectl(['exec', 'nowhere', '--', 'ls']);
    assert.match(unbound.stderr, /pod nowhere does not have a host assigned/);
    await client.pods('default').delete('nowhere', { gracePeriodSeconds: 0 });
    // The API asks which container when the request names none (kubectl itself picks one).
    await client.pods('default').create({
      metadata: { name: 'pair' },
      spec: { nodeName: 'sim-1', initContainers: [{ name: 'setup', image: 'busybox' }], containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] },
    });
    const log = await cluster.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/pair/log']);
    assert.match(log.stderr, /a container name must be specified for pod pair, choose one of: \[setup a b\]/);
    await client.pods('default').delete('pair', { gracePeriodSeconds: 0 });
  });

  test('pods on one node never share an IP', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((n) => client.pods('default').create(podSpec(`many-${n}`, 'sim-3'))));
    const pods = await Promise.all(['a', 'b', 'c', 'd'].map((n) => podPhase(`many-${n}`, 'Running')));
    const ips = new Set(pods.map((p) => p.status?.podIP));
    assert.equal(ips.size, 4);
  });

  test('a restartPolicy Never pod succeeds after its run time; a non-zero exit code fails it', async () => {
    const created = Date.now();
    await client.pods('default').create(podSpec('job', 'sim-2', { restartPolicy: 'Never', annotations: { 'kubets.io/run-duration': '300ms' } }));
    await client.pods('default').create(podSpec('bad-job', 'sim-2', { restartPolicy: 'Never', annotations: { 'kubets.io/run-duration': '300ms', 'kubets.io/exit-code': '3' } }));
    const done = await podPhase('job', 'Succeeded');
    assert.ok(Date.now() - created >= 300, `succeeded after ${Date.now() - created} ms, before its run time`);
    const terminated = (done.status?.containerStatuses as { state: { terminated?: { exitCode: number; reason: string } } }[])[0]?.state.terminated;
    assert.deepEqual([terminated?.exitCode, terminated?.reason], [0, 'Completed']);
    const failed = await podPhase('bad-job', 'Failed');
    const exit = (failed.status?.containerStatuses as { state: { terminated?: { exitCode: number } } }[])[0]?.state.terminated?.exitCode;
    assert.equal(exit, 3);
    assert.match(await k('get', 'pod', 'job'), /^job\s+0\/1\s+Completed\s+/m);
  });

  test('a crash-looping pod shows CrashLoopBackOff', async () => {
    await client.pods('default').create(podSpec('crashy', 'sim-2', { annotations: { 'kubets.io/crash-loop': '200ms' } }));
    await eventuallyNamed('CrashLoopBackOff', async () => ((await cluster.kubectl(['get', 'pod', 'crashy'])).stdout.match(/^crashy\s+0\/1\s+CrashLoopBackOff\s+0\s/m) ? true : undefined));
  });

  test('kubectl delete pod returns within seconds and the pod is gone', async () => {
    await client.pods('default').create(podSpec('doomed', 'sim-1'));
    await podPhase('doomed', 'Running');
    const started = Date.now();
    await k('delete', 'pod', 'doomed');
    const took = Date.now() - started;
    assert.ok(took < 5_000, `kubectl delete took ${took} ms`);
    const result = await cluster.kubectl(['get', 'pod', 'doomed']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /NotFound/);
  });

  test('a pod waiting to start goes ahead of the teardown of others (one pod worker)', async () => {
    // Before the node runs: 30 pods bound to it and being deleted, then one new pod, which
    // sorts last in the node's first list. With one worker and one FIFO it would start last.
    const pods = client.pods('default');
    const bound = (name: string): Pod => ({ metadata: { name }, spec: { nodeName: 'lane-1', containers: [{ name: 'c', image: 'nginx' }] } });
    const old = Array.from({ length: 30 }, (_, i) => `lane-old-${i}`);
    await Promise.all(old.map((name) => pods.create(bound(name))));
    await Promise.all(old.map((name) => pods.delete(name)));
    await pods.create(bound('lane-zz-new'));
    const events: string[] = [];
    const factory = new InformerFactory(client, { logger: silentLogger });
    factory.pods().addEventHandler({
      onUpdate: (_old, pod) => {
        if (pod.metadata?.name === 'lane-zz-new' && pod.status?.phase === 'Running' && !events.includes('started')) events.push('started');
      },
      onDelete: () => events.push('deleted'),
    });
    factory.start();
    await factory.waitForCacheSync();
    const single = await runNodes({ client, logger: silentLogger, pool: makePool({ count: 1, namePrefix: 'lane-' }), podWorkers: 1 });
    try {
      await podPhase('lane-zz-new', 'Running');
      const deletedBefore = events.indexOf('started');
      assert.ok(deletedBefore >= 0 && deletedBefore < 5, `the new pod started after ${deletedBefore} of 30 deletions`);
    } finally {
      await single.stop();
      await factory.shutdown();
    }
  });

  test('a node whose heartbeats stop has a stale lease, and a fresh one again after resuming', async () => {
    const renewTime = async (name: string) => Date.parse(String((await client.leases('kube-node-lease').get(name)).spec?.renewTime));
    sim.stopHeartbeats('sim-3');
    await new Promise((resolve) => setTimeout(resolve, 600)); // let a renewal in flight land
    const stalled = await renewTime('sim-3');
    const fresh = await renewTime('sim-1');
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // more than two renewal periods
    assert.equal(await renewTime('sim-3'), stalled, 'the stopped node renewed its lease');
    assert.ok((await renewTime('sim-1')) > fresh, 'the running node did not renew its lease');
    sim.resumeHeartbeats('sim-3');
    await eventuallyNamed('sim-3 renewing again', async () => ((await renewTime('sim-3')) > stalled ? true : undefined));
  });

  test('a node marked NotReady by someone else posts Ready again at its next heartbeat', async () => {
    const node = await client.nodes().get('sim-2');
    const conditions = (node.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown' } : c));
    await client.nodes().patch('sim-2', 'merge', { status: { conditions } }, { subresource: 'status' });
    const ready = await eventuallyNamed('sim-2 Ready again', async () => {
      const c = (await client.nodes().get('sim-2')).status?.conditions?.find((x) => x.type === 'Ready');
      return c?.status === 'True' ? c : undefined;
    });
    assert.equal(ready.reason, 'KubeletReady');
  });

  test('on an injected clock: leases renew every 10 s, status every 5 minutes, pods finish on time', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const fake = await runNodes({ client, clock, logger: silentLogger, pool: makePool({ count: 2, namePrefix: 'fake-' }) });
    try {
      const lease = async () => (await client.leases('kube-node-lease').get('fake-2')).spec?.renewTime;
      const heartbeat = async () => (await client.nodes().get('fake-2')).status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
      assert.equal(await lease(), microTime(start));
      await clock.advance(10_000);
      const renewed = await eventuallyNamed('a renewal', async () => ((await lease()) !== microTime(start) ? await lease() : undefined));
      assert.ok(Date.parse(String(renewed)) <= start + 10_000);
      const firstBeat = await heartbeat();
      await clock.advance(4 * 60_000);
      assert.equal(await heartbeat(), firstBeat, 'status posted before 5 minutes passed');
      await clock.advance(60_000);
      await eventuallyNamed('a status update', async () => ((await heartbeat()) !== firstBeat ? true : undefined));

      await client.pods('default').create(podSpec('fake-job', 'fake-1', { restartPolicy: 'Never' }));
      await podPhase('fake-job', 'Running');
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // real time does not finish it
      assert.equal((await client.pods('default').get('fake-job')).status?.phase, 'Running');
      await clock.advance(1_000);
      await podPhase('fake-job', 'Succeeded');
    } finally {
      await fake.stop();
    }
  });

  test('a node heartbeats from its registration on, while the rest of the pool is still registering', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    let registered = false;
    // 150 nodes through this test's client (100 QPS, burst 200) take over a second to register.
    const starting = runNodes({ client, clock, logger: silentLogger, pool: makePool({ count: 150, namePrefix: 'early-' }) });
    void starting.then(() => (registered = true));
    const renewTime = async () => (await client.leases('kube-node-lease').get('early-1').catch(() => undefined))?.spec?.renewTime;
    await eventuallyNamed('the first Lease', async () => ((await renewTime()) === microTime(start) ? true : undefined));
    assert.equal(registered, false, 'the pool registered before the test could look');
    await clock.advance(10_000);
    const sim = await starting;
    try {
      const renewed = await eventuallyNamed('early-1 renewed within one period of registering', async () => {
        const at = await renewTime();
        return at !== undefined && at !== microTime(start) ? at : undefined;
      });
      assert.ok(Date.parse(renewed) <= start + 10_000, `renewed at ${renewed}`);
    } finally {
      await sim.stop();
    }
  });

  test('faults injected with kubets nodes fault: NotReady, stale, cleared, removed', async () => {
    const fault = (...args: string[]) => nodesCommand(['fault', ...args, '--kubeconfig', cluster.plane.kubeconfigPath]);
    const ready = (name: string) => async () => (await client.nodes().get(name)).status?.conditions?.find((c) => c.type === 'Ready')?.status;
    assert.equal(await fault('sim-3', '--not-ready'), 0);
    await eventuallyNamed('sim-3 NotReady', async () => ((await ready('sim-3')()) === 'False' ? true : undefined));
    assert.match(await k('get', 'node', 'sim-3'), /^sim-3\s+NotReady\s/m);
    assert.equal(await fault('sim-3', '--clear'), 0);
    await eventuallyNamed('sim-3 Ready', async () => ((await ready('sim-3')()) === 'True' ? true : undefined));

    assert.equal(await fault('sim-3', '--stop-heartbeats'), 0);
    await new Promise((r) => setTimeout(r, 300));
    const before = (await client.leases('kube-node-lease').get('sim-3')).spec?.renewTime;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await client.leases('kube-node-lease').get('sim-3')).spec?.renewTime, before, 'a stopped node renews nothing');
    assert.equal(await fault('sim-3', '--clear'), 0);
    await eventuallyNamed('sim-3 renews again', async () => ((await client.leases('kube-node-lease').get('sim-3')).spec?.renewTime !== before ? true : undefined));

    assert.equal(await fault('sim-3', '--remove'), 0);
    await eventuallyNamed('sim-3 gone', async () => ((await cluster.kubectl(['get', 'node', 'sim-3'])).code !== 0 ? true : undefined));
    const after = (await client.leases('kube-node-lease').get('sim-3')).spec?.renewTime;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await client.leases('kube-node-lease').get('sim-3')).spec?.renewTime, after, 'a removed node is not renewed');
    assert.equal(await fault('sim-3', '--not-ready', '--clear'), 2);
  });

  test('kubets nodes runs a pool file against a kubeconfig until stopped', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubets-nodes-'));
    try {
      const poolFile = path.join(dir, 'pool.yaml');
      writeFileSync(poolFile, 'count: 5\nnamePrefix: pool-\ncapacity: { cpu: "8" }\nlabels: { tier: batch }\n');
      let stop: () => void = () => {};
      const until = new Promise<void>((resolve) => (stop = resolve));
      const exit = nodesCommand(['--kubeconfig', cluster.plane.kubeconfigPath, '--pool', poolFile, '--count', '2'], { until });
      const nodes = await eventuallyNamed('two pool nodes', async () => {
        const list = (await client.nodes().list({ labelSelector: 'tier=batch' })).items;
        return list.length === 2 ? list : undefined;
      });
      assert.deepEqual(nodes.map((n) => [n.metadata?.name, n.status?.capacity?.cpu]), [['pool-1', '8'], ['pool-2', '8']]);
      stop();
      assert.equal(await exit, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('kubets nodes rejects bad flags and bad pools with exit code 2', async () => {
    assert.equal(await nodesCommand(['--count', '2']), 2, 'no kubeconfig');
    assert.equal(await nodesCommand(['--kubeconfig', cluster.plane.kubeconfigPath, '--count', 'many']), 2);
    assert.equal(await nodesCommand(['--kubeconfig', cluster.plane.kubeconfigPath, '--pool', '/nonexistent/pool.yaml']), 2);
    assert.equal(await nodesCommand(['--bogus']), 2);
    assert.equal(await nodesCommand(['--kubeconfig', cluster.plane.kubeconfigPath, '--kube-api-qps', '0']), 2);
  });
});
