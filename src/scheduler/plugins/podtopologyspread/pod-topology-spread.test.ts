import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { Taint, TopologySpreadConstraint } from '../../framework/types.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { MISSING_LABEL_REASON, podTopologySpread, REASON } from './pod-topology-spread.js';
import { Snapshot } from '../../cache/snapshot.js';

const web = (name: string, constraints: TopologySpreadConstraint[] = [], extra: Record<string, unknown> = {}): Pod => {
  const p = makePod(name, {}, { topologySpreadConstraints: constraints, ...extra });
  p.metadata!.labels = { app: 'web' };
  return p;
};
const zone = (name: string, z: string | undefined, labels: Record<string, string> = {}) => makeNode(name, undefined, { labels: z === undefined ? labels : { zone: z, ...labels } });
const spread = (maxSkew: number, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({ maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra });

function verdicts(pod: Pod, nodes: NodeInfo[]): string[] {
  const plugin = podTopologySpread({ snapshot: () => Snapshot.of([]), bind: async () => {} });
  const state = new CycleState();
  if (plugin.preFilter(state, pod, nodes).status.code === 'Skip') return nodes.map(() => 'Skip');
  return nodes.map((n) => {
    const s = plugin.filter(state, pod, n);
    return s.isSuccess() ? 'ok' : s.reasons[0]!;
  });
}

test('maxSkew 1: only the emptier zone takes the next pod; nodes without the key are unresolvable', () => {
  const nodes = [nodeInfo(zone('a1', 'a'), web('w1'), web('w2')), nodeInfo(zone('b1', 'b'), web('w3')), nodeInfo(zone('x', undefined))];
  assert.deepEqual(verdicts(web('new', [spread(1)]), nodes), [REASON, 'ok', MISSING_LABEL_REASON]);
  assert.deepEqual(verdicts(web('new', [spread(2)]), nodes), ['ok', 'ok', MISSING_LABEL_REASON]);
  assert.deepEqual(verdicts(web('soft', [spread(1, { whenUnsatisfiable: 'ScheduleAnyway' })]), nodes), ['Skip', 'Skip', 'Skip']);
});

test('minDomains: fewer domains than asked make the minimum 0', () => {
  const nodes = [nodeInfo(zone('a1', 'a'), web('w1')), nodeInfo(zone('b1', 'b'), web('w2'))];
  assert.deepEqual(verdicts(web('new', [spread(1)]), nodes), ['ok', 'ok']);
  assert.deepEqual(verdicts(web('new', [spread(1, { minDomains: 3 })]), nodes), [REASON, REASON]);
});

test('nodeAffinityPolicy Honor (default) ignores domains the pod cannot go to', () => {
  const nodes = [nodeInfo(zone('a1', 'a', { disk: 'ssd' }), web('w1')), nodeInfo(zone('b1', 'b'))];
  const pod = web('new', [spread(1)], { nodeSelector: { disk: 'ssd' } });
  // Zone b does not count, so zone a's minimum is its own count: skew 1.
  assert.equal(verdicts(pod, nodes)[0], 'ok');
  const ignoring = web('new', [spread(1, { nodeAffinityPolicy: 'Ignore' })], { nodeSelector: { disk: 'ssd' } });
  assert.equal(verdicts(ignoring, nodes)[0], REASON);
});

test('soft constraints score: fewer matching pods in the domain is better', () => {
  const nodes = [nodeInfo(zone('a1', 'a'), web('w1'), web('w2')), nodeInfo(zone('b1', 'b'), web('w3')), nodeInfo(zone('c1', 'c')), nodeInfo(zone('x', undefined))];
  const plugin = podTopologySpread({ snapshot: () => Snapshot.of(nodes), bind: async () => {} });
  const pod = web('new', [spread(1, { whenUnsatisfiable: 'ScheduleAnyway' })]);
  const state = new CycleState();
  assert.equal(plugin.preScore(state, pod, nodes).code, 'Success');
  const scores = nodes.map((n) => ({ name: n.name(), score: plugin.score(state, pod, n).score }));
  // weight log(3 domains + 2) ≈ 1.609: a → round(3.22) = 3, b → round(1.61) = 2, c → 0.
  assert.deepEqual(scores.map((s) => s.score), [3, 2, 0, 0]);
  plugin.normalizeScore!(state, pod, scores);
  // 100 × (max + min − s) / max with max 3, min 0; the node without the key gets 0.
  assert.deepEqual(scores.map((s) => s.score), [0, 33, 100, 0]);
});

// Upstream's matchNodeInclusionPolicies is per constraint: a node one constraint leaves out
// by its policy still counts for another whose policy is Ignore.
const rack = (maxSkew: number, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => spread(maxSkew, { topologyKey: 'rack', ...extra });
const racked = (name: string, z: string, r: string, labels: Record<string, string> = {}, taints: Taint[] = []) => makeNode(name, undefined, { labels: { zone: z, rack: r, ...labels }, taints });

test('Filter: each constraint honours its own nodeAffinityPolicy', () => {
  const nodes = [nodeInfo(racked('a1', 'a', 'r1', { disk: 'ssd' }), web('w1'), web('w2')), nodeInfo(racked('b1', 'b', 'r2'), web('w3'))];
  // zone (Honor) sees only a1: skew 2 + 1 − 2 = 1. rack (Ignore) sees both racks: 2 + 1 − 1 = 2.
  const pod = (rackPolicy: 'Honor' | 'Ignore') => web('new', [spread(1), rack(1, { nodeAffinityPolicy: rackPolicy })], { nodeSelector: { disk: 'ssd' } });
  assert.equal(verdicts(pod('Ignore'), nodes)[0], REASON);
  assert.equal(verdicts(pod('Honor'), nodes)[0], 'ok');
});

test('Filter: each constraint honours its own nodeTaintsPolicy', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  const nodes = [nodeInfo(racked('a1', 'a', 'r1', {}, [taint]), web('w1')), nodeInfo(racked('b1', 'b', 'r2'), web('w2'), web('w3'))];
  // zone (taints Honor) leaves out tainted a1: 2 + 1 − 2 = 1 on b1; rack (taints Ignore) counts r1: 2 + 1 − 1 = 2.
  const pod = (rackPolicy: 'Honor' | 'Ignore') => web('new', [spread(1, { nodeTaintsPolicy: 'Honor' }), rack(1, { nodeTaintsPolicy: rackPolicy })]);
  assert.equal(verdicts(pod('Ignore'), nodes)[1], REASON);
  assert.equal(verdicts(pod('Honor'), nodes)[1], 'ok');
});

test('Score: PreScore counts each soft constraint\'s domains over the nodes its own policies admit', () => {
  const a1 = nodeInfo(racked('a1', 'a', 'r1', { disk: 'ssd' }), web('w1'));
  const a2 = nodeInfo(racked('a2', 'a', 'r2', { disk: 'ssd' }));
  const b1 = nodeInfo(racked('b1', 'b', 'r2'), web('w2'), web('w3'));
  const plugin = podTopologySpread({ snapshot: () => Snapshot.of([a1, a2, b1]), bind: async () => {} });
  const soft = { whenUnsatisfiable: 'ScheduleAnyway' as const };
  const pod = web('new', [spread(1, soft), rack(1, { ...soft, nodeAffinityPolicy: 'Ignore' })], { nodeSelector: { disk: 'ssd' } });
  const state = new CycleState();
  const feasible = [a1, a2];
  assert.equal(plugin.preScore(state, pod, feasible).code, 'Success');
  // zone: {a: 1}, weight log 3; rack counts b1 (Ignore): {r1: 1, r2: 2}, weight log 4.
  // a1: 1.10 + 1.39 → 2; a2: 1.10 + 2.77 → 4 (with b1 left out of rack too a2 would win with 1).
  assert.deepEqual(feasible.map((n) => plugin.score(state, pod, n).score), [2, 4]);
});
