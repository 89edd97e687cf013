// The node controllers against a real in-process kubets with simulated nodes on short
// heartbeats: node-lifecycle (Unknown, taints, recovery), taint-eviction (tolerationSeconds),
// pod GC (pods of a deleted node, finished pods over the threshold), node-ipam (podCIDR).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isNotFound } from '../../src/machinery/errors.js';
import type { Client, Node, Pod } from '../../src/client/index.js';
import { NodeLifecycleController } from '../../src/controllers/nodelifecycle/node-lifecycle-controller.js';
import { NodeIpamController } from '../../src/controllers/nodeipam/node-ipam-controller.js';
import { PodGcController } from '../../src/controllers/podgc/pod-gc-controller.js';
import { TaintEvictionController } from '../../src/controllers/tainteviction/taint-eviction-controller.js';
import type { NodeSimulator } from '../../src/nodes/simulator.js';
import { eventually, startControllerCluster, type ControllerCluster } from './harness.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';

function taintKeys(node: Node): string[] {
  return (node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
}

function podOn(name: string, nodeName: string, extra: Record<string, unknown> = {}, annotations: Record<string, string> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }], ...extra } };
}

describe('node controllers', () => {
  let env: ControllerCluster;
  let client: Client;
  let sim: NodeSimulator;

  before(async () => {
    env = await startControllerCluster({
      nodes: { count: 3 },
      // Leases renewed every 300 ms, so a 2 s grace period tells silence from health.
      simulator: { heartbeat: { leaseRenewMs: 300, slots: 1 } },
      scheduler: false,
      controllers: (ctx) => [
        new NodeLifecycleController(ctx, { nodeMonitorGracePeriodMs: 2_000, nodeMonitorPeriodMs: 200 }),
        new TaintEvictionController(ctx),
        new PodGcController(ctx, { checkPeriodMs: 200, quarantineMs: 500, terminatedPodThreshold: 2 }),
        new NodeIpamController(ctx),
      ],
    });
    client = env.client;
    sim = env.nodes!;
  });
  after(() => env?.stop());

  test('a silent node goes Unknown and unreachable; its pods go after tolerationSeconds; it recovers', async () => {
    const node = 'kubets-node-1';
    const shortToleration = [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }];
    const foreverToleration = [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }];
    await client.pods('default').create(podOn('short', node, { tolerations: shortToleration }));
    await client.pods('default').create(podOn('stays', node, { tolerations: foreverToleration }));
    const running = await eventually(async () => {
      const p = await client.pods('default').get('stays');
      return p.status?.phase === 'Running' && (await client.pods('default').get('short')).status?.phase === 'Running' ? p : undefined;
    });
    // The simulated kubelet keeps its pods' status as it sees it, so the controller's
    // Ready=False may be overwritten again: a watch sees it happen.
    let markedNotReady = false;
    const watch = client.pods('default').watch({ resourceVersion: running.metadata?.resourceVersion, fieldSelector: 'metadata.name=stays' }, (event) => {
      if (event.object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False') === true) markedNotReady = true;
    });

    sim.stopHeartbeats(node);
    const silent = await eventually(async () => {
      const n = await client.nodes().get(node);
      return taintKeys(n).includes(`${UNREACHABLE}:NoExecute`) ? n : undefined;
    });
    const taintedAt = Date.now();
    const ready = silent.status?.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.['reason'], ready?.['message']], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
    assert.ok(silent.status?.conditions?.every((c) => c.status === 'Unknown'), 'every condition is Unknown');
    assert.deepEqual(taintKeys(silent), [`${UNREACHABLE}:NoExecute`, `${UNREACHABLE}:NoSchedule`]);
    const evictionTime = (silent.spec?.taints as { key: string; effect: string; timeAdded?: string }[]).find((t) => t.effect === 'NoExecute')?.timeAdded;
    assert.ok(evictionTime !== undefined, 'a NoExecute taint carries timeAdded');

    await eventually(() => Promise.resolve(markedNotReady ? true : undefined), 5_000);
    await watch.stop();

    const deleting = await eventually(async () => {
      const p = await client.pods('default').get('short').catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
      return p === undefined || p.metadata?.deletionTimestamp !== undefined ? (p ?? 'gone') : undefined;
    });
    assert.ok(Date.now() - taintedAt >= 1_500, 'not evicted before its tolerationSeconds');
    if (deleting !== 'gone') assert.ok(deleting.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'DeletionByTaintManager'));
    const events = await eventually(async () => {
      const list = (await client.events('default').list()).items.filter((e) => e.involvedObject.name === 'short' && e.reason === 'TaintManagerEviction');
      return list.length > 0 ? list : undefined;
    });
    assert.match(events[0]?.message ?? '', /^Marking for deletion Pod default\/short$/);
    await eventually(async () => client.pods('default').get('short').then(() => undefined, (error: unknown) => (isNotFound(error) ? true : Promise.reject(error))));
    const stays = await client.pods('default').get('stays');
    assert.equal(stays.metadata?.deletionTimestamp, undefined, 'a pod tolerating for ever stays');

    sim.resumeHeartbeats(node);
    const recovered = await eventually(async () => {
      const n = await client.nodes().get(node);
      const isReady = n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      return isReady === true && taintKeys(n).length === 0 ? n : undefined;
    });
    assert.deepEqual(taintKeys(recovered), []);
  });

  test('a node without a podCIDR gets one from the cluster CIDR; pods of a deleted node are collected', async () => {
    await client.nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'ghost' } });
    const simulated = await Promise.all(sim.nodeNames().map((name) => client.nodes().get(name)));
    const cidr = await eventually(async () => {
      const n = await client.nodes().get('ghost');
      return typeof n.spec?.['podCIDR'] === 'string' ? (n.spec['podCIDR'] as string) : undefined;
    });
    assert.match(cidr, /^10\.244\.\d+\.0\/24$/);
    assert.ok(!simulated.some((n) => n.spec?.['podCIDR'] === cidr), 'a subnet no other node holds');
    assert.deepEqual((await client.nodes().get('ghost')).spec?.['podCIDRs'], [cidr]);

    await client.pods('default').create(podOn('orphan', 'ghost'));
    await client.nodes().delete('ghost');
    await eventually(async () => client.pods('default').get('orphan').then(() => undefined, (error: unknown) => (isNotFound(error) ? true : Promise.reject(error))));
  });

  test('finished pods over the threshold are deleted oldest first', async () => {
    const finishing = { restartPolicy: 'Never' };
    for (const name of ['done-1', 'done-2', 'done-3']) {
      await client.pods('default').create(podOn(name, 'kubets-node-2', finishing, { 'kubets.io/run-duration': '200ms' }));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    await eventually(async () => client.pods('default').get('done-1').then(() => undefined, (error: unknown) => (isNotFound(error) ? true : Promise.reject(error))));
    const left = (await client.pods('default').list()).items.filter((p) => p.metadata?.name?.startsWith('done-')).map((p) => p.metadata?.name);
    assert.deepEqual(left.sort(), ['done-2', 'done-3']);
  });

  test('when every zone is down the controller evicts nothing: NoSchedule only, until the nodes return', async () => {
    const names = sim.nodeNames();
    for (const name of names) sim.stopHeartbeats(name);
    const down = await eventually(async () => {
      const nodes = await Promise.all(names.map((name) => client.nodes().get(name)));
      const settled = nodes.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'Unknown') && taintKeys(n).join() === `${UNREACHABLE}:NoSchedule`);
      return settled ? nodes : undefined;
    });
    assert.equal(down.length, 3);
    // Stable: a further monitor pass still taints nothing NoExecute.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const name of names) assert.deepEqual(taintKeys(await client.nodes().get(name)), [`${UNREACHABLE}:NoSchedule`]);
    assert.equal((await client.pods('default').get('stays')).metadata?.deletionTimestamp, undefined);
    for (const name of names) sim.resumeHeartbeats(name);
    await eventually(async () => {
      const nodes = await Promise.all(names.map((name) => client.nodes().get(name)));
      return nodes.every((n) => taintKeys(n).length === 0) ? true : undefined;
    });
  });
});
