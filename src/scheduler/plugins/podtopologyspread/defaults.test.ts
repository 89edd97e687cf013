import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { testHandle, type TestHandle } from '../../testing/handle.js';
import { REPLICATION_CONTROLLERS, REPLICA_SETS, SERVICES, STATEFUL_SETS, defaultSelector, spreadDefaults, type SelectorSources } from './defaults.js';
import { podTopologySpread, REASON } from './pod-topology-spread.js';
import { SpreadArgsError, spreadArgs } from './spread-args.js';
import { Snapshot } from '../../cache/snapshot.js';

function web(name: string, owner?: string): Pod {
  const p = makePod(name);
  p.metadata!.labels = { app: 'web', tier: 'fe' };
  if (owner !== undefined) p.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: 'rs-uid', controller: true }];
  return p;
}

function sourcesOf(handle: TestHandle): SelectorSources {
  return {
    services: handle.informer(SERVICES).lister,
    replicationControllers: handle.informer(REPLICATION_CONTROLLERS).lister,
    replicaSets: handle.informer(REPLICA_SETS).lister,
    statefulSets: handle.informer(STATEFUL_SETS).lister,
  };
}

const rs = { metadata: { name: 'web-rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['fe'] }] } } };

test('the default selector merges the selecting Services and the controlling ReplicaSet; nothing selects a bare pod', () => {
  const handle = testHandle();
  handle.seed(SERVICES, { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } }, { metadata: { name: 'db', namespace: 'default' }, spec: { selector: { app: 'db' } } }, { metadata: { name: 'headless', namespace: 'default' }, spec: {} });
  handle.seed(REPLICA_SETS, rs);
  assert.deepEqual(defaultSelector(web('p', 'web-rs'), sourcesOf(handle)), { matchLabels: { app: 'web' }, matchExpressions: rs.spec.selector.matchExpressions });
  const bare = makePod('bare');
  bare.metadata!.labels = { app: 'other' };
  assert.equal(defaultSelector(bare, sourcesOf(handle)), undefined);
});

const zoned = (name: string, zone: string | undefined, ...pods: Pod[]): NodeInfo =>
  nodeInfo(makeNode(name, undefined, { labels: { 'kubernetes.io/hostname': name, ...(zone === undefined ? {} : { 'topology.kubernetes.io/zone': zone }) } }), ...pods);

function normalizedScores(raw: Record<string, unknown> | undefined, pod: Pod, nodes: NodeInfo[]): number[] | 'Skip' {
  const handle = testHandle(Snapshot.of(nodes));
  handle.seed(REPLICA_SETS, rs);
  const args = spreadArgs(raw);
  const plugin = podTopologySpread(handle, spreadDefaults(args.defaults, args.defaultingType === 'System', sourcesOf(handle)));
  const state = new CycleState();
  if (plugin.preScore(state, pod, nodes).code === 'Skip') return 'Skip';
  const scores = nodes.map((n) => ({ name: n.name(), score: plugin.score(state, pod, n).score }));
  plugin.normalizeScore!(state, pod, scores);
  return scores.map((s) => s.score);
}

test('System defaults (zone 5, hostname 3, ScheduleAnyway) spread a ReplicaSet pod; a node without a zone still counts by hostname', () => {
  const nodes = [zoned('a', 'z1', web('w1', 'web-rs'), web('w2', 'web-rs')), zoned('b', 'z2'), zoned('c', undefined)];
  // a: 2·ln4 + 4 + 2·ln5 + 2 ≈ 12, b: 4 + 2 = 6, c: hostname only, 2; normalized 100·(max+min−s)/max.
  assert.deepEqual(normalizedScores(undefined, web('new', 'web-rs'), nodes), [16, 66, 100]);
  assert.equal(normalizedScores(undefined, makePod('bare'), nodes), 'Skip');
  // The same constraints as a List: a node lacking a key is ignored (0).
  const list = { defaultingType: 'List', defaultConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }, { maxSkew: 3, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }] };
  assert.deepEqual(normalizedScores(list, web('new', 'web-rs'), nodes), [50, 100, 0]);
  assert.deepEqual(normalizedScores({ defaultingType: 'List' }, web('new', 'web-rs'), nodes), 'Skip');
});

test('a List default with DoNotSchedule filters like the pod\'s own constraint would', () => {
  const nodes = [zoned('a', 'z1', web('w1', 'web-rs')), zoned('b', 'z2')];
  const handle = testHandle();
  handle.seed(REPLICA_SETS, rs);
  const args = spreadArgs({ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] });
  const plugin = podTopologySpread(handle, spreadDefaults(args.defaults, false, sourcesOf(handle)));
  const state = new CycleState();
  const pod = web('new', 'web-rs');
  assert.equal(plugin.preFilter(state, pod, nodes).status.code, 'Success');
  assert.deepEqual(nodes.map((n) => plugin.filter(state, pod, n).reasons[0] ?? 'ok'), [REASON, 'ok']);
});

test('args: System with constraints, selectors, bad values and duplicates are reported by field', () => {
  assert.throws(() => spreadArgs({ defaultingType: 'System', defaultConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }), /defaultingType: Invalid value: "System": when .defaultConstraints are not empty/);
  try {
    spreadArgs({
      defaultingType: 'List',
      defaultConstraints: [
        { maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} },
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ],
    });
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof SpreadArgsError);
    assert.deepEqual(error.errors, [
      'defaultConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
      'defaultConstraints[1].{topologyKey, whenUnsatisfiable}: Duplicate value: {"zone", "DoNotSchedule"}',
    ]);
  }
});
