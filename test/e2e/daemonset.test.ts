// The DaemonSet controller end to end: a real in-process kubets, simulated node pools, the
// scheduler binding the pinned pods, and the controller built directly on its own informers.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConflict } from '../../src/machinery/errors.js';
import { silentLogger, type Client, type Pod } from '../../src/client/index.js';
import { DaemonSetController } from '../../src/controllers/daemonset/daemonset-controller.js';
import { DAEMON_SETS, type DaemonSet } from '../../src/controllers/daemonset/types.js';
import { isPodReady } from '../../src/controllers/base/pods.js';
import { makePool } from '../../src/nodes/pool.js';
import { runNodes, type NodeSimulator } from '../../src/nodes/simulator.js';
import { eventuallyNamed, missingProgram, startControllerCluster, type ControllerCluster, type TestCluster } from './harness.js';

const NS = 'default';

function daemonSet(name: string, spec: Partial<NonNullable<DaemonSet['spec']>> = {}, podSpec: Record<string, unknown> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: NS },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'agent:1' }], ...podSpec } },
      ...spec,
    },
  };
}

describe('daemonset controller end to end', () => {
  let env: ControllerCluster;
  let cluster: TestCluster;
  let client: Client;
  /** Nodes the tests add. */
  const sims: NodeSimulator[] = [];

  const dss = () => client.resource<DaemonSet>(DAEMON_SETS).namespace(NS);
  const livePods = async (app: string) => (await client.pods(NS).list({ labelSelector: `app=${app}` })).items.filter((p) => p.metadata?.deletionTimestamp === undefined);
  const nodesOf = (pods: Pod[]) => pods.map((p) => p.spec?.nodeName ?? '').sort();
  const modify = async (name: string, change: (ds: DaemonSet) => void) => {
    for (;;) {
      const ds = await dss().get(name);
      change(ds);
      try {
        return await dss().update(ds);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  };
  /** Every node in `nodes` has exactly one Ready pod of `app`, and no other node has one. */
  const coverage = (app: string, nodes: string[]) =>
    eventuallyNamed(`${app} on ${nodes.join(',')}`, async () => {
      const pods = await livePods(app);
      return pods.every(isPodReady) && JSON.stringify(nodesOf(pods)) === JSON.stringify([...nodes].sort()) ? pods : undefined;
    });

  before(async () => {
    env = await startControllerCluster({ nodes: { count: 3, namePrefix: 'ds-node-' }, controllers: (ctx) => [new DaemonSetController(ctx)] });
    ({ cluster, client } = env);
  });
  after(async () => {
    for (const sim of sims) await sim.stop();
    await env?.stop();
  });

  test('one pod per node, pinned by node affinity, with the automatic tolerations and status', async () => {
    await dss().create(daemonSet('agent'));
    const pods = await coverage('agent', ['ds-node-1', 'ds-node-2', 'ds-node-3']);
    const pod = pods.find((p) => p.spec?.nodeName === 'ds-node-2')!;
    const spec = pod.spec as Record<string, unknown>;
    assert.deepEqual(spec.affinity, {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ds-node-2'] }] }] } },
    });
    const tolerations = (spec.tolerations as { key: string; effect: string }[]).map((t) => `${t.key}:${t.effect}`).sort();
    for (const expected of ['not-ready:NoExecute', 'unreachable:NoExecute', 'disk-pressure:NoSchedule', 'memory-pressure:NoSchedule', 'pid-pressure:NoSchedule', 'unschedulable:NoSchedule']) {
      assert.ok(tolerations.includes(`node.kubernetes.io/${expected}`), expected);
    }
    assert.ok(!tolerations.includes('node.kubernetes.io/network-unavailable:NoSchedule'), 'only hostNetwork pods tolerate network-unavailable');
    assert.ok(pod.metadata?.labels?.['controller-revision-hash']);
    const ds = await eventuallyNamed('status', async () => {
      const d = await dss().get('agent');
      return d.status?.numberAvailable === 3 ? d : undefined;
    });
    assert.deepEqual(
      { ...ds.status, conditions: undefined },
      { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberUnavailable: 0, observedGeneration: ds.metadata?.generation, conditions: undefined },
    );
  });

  test('a node added later gets its pod; a node with an untolerated taint gets none', async () => {
    sims.push(await runNodes({ client, logger: silentLogger, pool: makePool({ count: 1, namePrefix: 'late-', labels: { role: 'late' } }) }));
    sims.push(await runNodes({ client, logger: silentLogger, pool: makePool({ count: 1, namePrefix: 'tainted-', taints: [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }] }) }));
    await coverage('agent', ['ds-node-1', 'ds-node-2', 'ds-node-3', 'late-1']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(!nodesOf(await livePods('agent')).includes('tainted-1'));
    const ds = await eventuallyNamed('desired 4', async () => {
      const d = await dss().get('agent');
      return d.status?.desiredNumberScheduled === 4 && d.status.numberAvailable === 4 ? d : undefined;
    });
    assert.equal(ds.status?.currentNumberScheduled, 4);

    // With the toleration, the tainted node is covered too.
    await dss().create(daemonSet('tolerant', {}, { tolerations: [{ key: 'example.com/dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    await coverage('tolerant', ['ds-node-1', 'ds-node-2', 'ds-node-3', 'late-1', 'tainted-1']);
  });

  test('nodeSelector limits the nodes; a changed selector removes the misplaced pods', async () => {
    await dss().create(daemonSet('picky', {}, { nodeSelector: { role: 'late' } }));
    await coverage('picky', ['late-1']);
    await modify('picky', (ds) => {
      ds.spec!.template!.spec!.nodeSelector = { 'kubernetes.io/hostname': 'ds-node-1' };
    });
    await coverage('picky', ['ds-node-1']);
  });

  test('RollingUpdate replaces every pod, never more than maxUnavailable nodes down', async () => {
    let worst = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const ds = await dss().get('agent');
        const generation = ds.metadata?.generation;
        if (ds.status?.observedGeneration === generation) worst = Math.max(worst, ds.status?.numberUnavailable ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await modify('agent', (ds) => {
      ds.spec!.template!.spec!.containers[0]!.image = 'agent:2';
    });
    const pods = await eventuallyNamed('all on agent:2', async () => {
      const live = await livePods('agent');
      return live.length === 4 && live.every((p) => p.spec?.containers[0]?.image === 'agent:2' && isPodReady(p)) ? live : undefined;
    });
    polling = false;
    await poll;
    assert.deepEqual(nodesOf(pods), ['ds-node-1', 'ds-node-2', 'ds-node-3', 'late-1']);
    assert.ok(worst <= 1, `at most one node unavailable, saw ${worst}`);
    const ds = await eventuallyNamed('updated status', async () => {
      const d = await dss().get('agent');
      return d.status?.updatedNumberScheduled === 4 && d.status.numberAvailable === 4 ? d : undefined;
    });
    assert.equal(ds.status?.desiredNumberScheduled, 4);
  });

  test('maxSurge starts the new pod beside the old one before removing it', async () => {
    await modify('agent', (ds) => {
      ds.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
      ds.spec!.template!.spec!.containers[0]!.image = 'agent:3';
    });
    let sawTwoOnOneNode = false;
    await eventuallyNamed('all on agent:3', async () => {
      const live = await livePods('agent');
      const perNode = new Map<string, number>();
      for (const p of live) perNode.set(p.spec?.nodeName ?? '', (perNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
      if ([...perNode.values()].some((n) => n > 1)) sawTwoOnOneNode = true;
      return live.length === 4 && live.every((p) => p.spec?.containers[0]?.image === 'agent:3' && isPodReady(p)) ? true : undefined;
    });
    assert.ok(sawTwoOnOneNode, 'an old and a new pod ran side by side');
  });

  test('OnDelete replaces only pods that are deleted', async () => {
    await modify('agent', (ds) => {
      ds.spec!.updateStrategy = { type: 'OnDelete' };
      ds.spec!.template!.spec!.containers[0]!.image = 'agent:4';
    });
    await eventuallyNamed('observed', async () => ((await dss().get('agent')).status?.observedGeneration === (await dss().get('agent')).metadata?.generation ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok((await livePods('agent')).every((p) => p.spec?.containers[0]?.image === 'agent:3'));
    const victim = (await livePods('agent')).find((p) => p.spec?.nodeName === 'ds-node-2')!;
    await client.pods(NS).delete(victim.metadata!.name!);
    const replaced = await eventuallyNamed('ds-node-2 replaced', async () => {
      const pod = (await livePods('agent')).find((p) => p.spec?.nodeName === 'ds-node-2' && p.metadata?.uid !== victim.metadata?.uid);
      return pod !== undefined && isPodReady(pod) ? pod : undefined;
    });
    assert.equal(replaced.spec?.containers[0]?.image, 'agent:4');
    assert.equal((await livePods('agent')).filter((p) => p.spec?.containers[0]?.image === 'agent:4').length, 1);
  });

  test('kubectl rollout status follows a DaemonSet update', { skip: missingProgram('kubectl') }, async () => {
    await modify('agent', (ds) => {
      ds.spec!.updateStrategy = { type: 'RollingUpdate' };
      ds.spec!.template!.spec!.containers[0]!.image = 'agent:5';
    });
    const result = await cluster.kubectl(['rollout', 'status', 'daemonset/agent', '-n', NS, '--timeout=30s']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /daemon set "agent" successfully rolled out/);
    assert.ok((await livePods('agent')).every((p) => p.spec?.containers[0]?.image === 'agent:5'));
  });
});
