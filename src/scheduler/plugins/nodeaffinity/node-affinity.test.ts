import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interfaces.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { nodeAffinityArgs } from './affinity-args.js';
import { ENFORCED_REASON, nodeAffinity, REASON } from './node-affinity.js';
import { matchesTerm } from './node-selector.js';

const zoneA = makeNode('a', undefined, { labels: { zone: 'a', gen: '5' } });
const zoneB = makeNode('b', undefined, { labels: { zone: 'b' } });

test('selector terms: operators, matchFields on metadata.name, an empty term matches nothing', () => {
  assert.equal(matchesTerm({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, zoneA), true);
  assert.equal(matchesTerm({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, zoneA), false);
  assert.equal(matchesTerm({ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }, zoneA), true);
  assert.equal(matchesTerm({ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['4'] }] }, zoneA), false);
  assert.equal(matchesTerm({ matchExpressions: [{ key: 'gen', operator: 'DoesNotExist' }] }, zoneB), true);
  assert.equal(matchesTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }, zoneB), true);
  assert.equal(matchesTerm({}, zoneA), false);
});

test('Filter: nodeSelector and required terms (ORed) must both match', () => {
  const plugin = nodeAffinity();
  const required = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['b'] }] }, { matchExpressions: [{ key: 'gen', operator: 'Exists' as const }] }] } };
  const pod = makePod('p', {}, { affinity: { nodeAffinity: required } });
  assert.equal(plugin.filter(new CycleState(), pod, nodeInfo(zoneA)).code, 'Success');
  assert.equal(plugin.filter(new CycleState(), pod, nodeInfo(zoneB)).code, 'Success');
  const both = makePod('q', {}, { nodeSelector: { zone: 'b' }, affinity: { nodeAffinity: required } });
  const status = plugin.filter(new CycleState(), both, nodeInfo(zoneA));
  assert.equal(status.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(status.reasons, [REASON]);
  assert.equal(plugin.preFilter(new CycleState(), makePod('free'), []).status.code, 'Skip');
});

test('Score sums matching preferred weights, normalized to 100 for the best', () => {
  const plugin = nodeAffinity();
  const preferred = [
    { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }] } },
    { weight: 80, preference: { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['b'] }] } },
  ];
  const pod = makePod('p', {}, { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } });
  const state = new CycleState();
  assert.equal(plugin.preScore(state, pod, []).code, 'Success');
  const scores: NodeScore[] = [zoneA, zoneB].map((n) => ({ name: n.metadata!.name!, score: plugin.score(state, pod, nodeInfo(n)).score }));
  plugin.normalizeScore!(state, pod, scores);
  assert.deepEqual(scores.map((s) => s.score), [25, 100]);
});

test('addedAffinity (NodeAffinityArgs): its required terms bind every pod first, its preferred terms add to every score', () => {
  const plugin = nodeAffinity(
    nodeAffinityArgs({
      addedAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }],
      },
    }),
  );
  const bare = makeNode('bare');
  const free = makePod('free');
  // A pod without requirements of its own is no longer skipped.
  assert.equal(plugin.preFilter(new CycleState(), free, []).status.code, 'Success');
  const rejected = plugin.filter(new CycleState(), free, nodeInfo(bare));
  assert.equal(rejected.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(rejected.reasons, [ENFORCED_REASON]);
  assert.equal(plugin.filter(new CycleState(), free, nodeInfo(zoneA)).code, 'Success');
  // The pod's own selector still applies on nodes the added affinity admits.
  assert.deepEqual(plugin.filter(new CycleState(), makePod('q', {}, { nodeSelector: { zone: 'b' } }), nodeInfo(zoneA)).reasons, [REASON]);
  const state = new CycleState();
  assert.equal(plugin.preScore(state, free, []).code, 'Success');
  const own = makePod('own', {}, { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchExpressions: [{ key: 'gen', operator: 'Exists' }] } }] } } });
  assert.deepEqual([zoneA, zoneB].map((n) => plugin.score(state, own, nodeInfo(n)).score), [5, 30]);
  assert.deepEqual([zoneA, zoneB].map((n) => plugin.score(state, free, nodeInfo(n)).score), [0, 30]);
});
