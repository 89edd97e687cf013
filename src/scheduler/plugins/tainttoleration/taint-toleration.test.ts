import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interfaces.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { taintToleration } from './taint-toleration.js';
import { toleratesTaint } from './tolerations.js';

test('toleration matching: Exists with empty key matches everything, Equal compares values, effect must match when set', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  assert.equal(toleratesTaint({ operator: 'Exists' }, taint), true);
  assert.equal(toleratesTaint({ key: 'k', value: 'v' }, taint), true);
  assert.equal(toleratesTaint({ key: 'k', value: 'w' }, taint), false);
  assert.equal(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint), false);
});

test('Filter names the first untolerated NoSchedule/NoExecute taint; PreferNoSchedule never rejects', () => {
  const plugin = taintToleration();
  const node = makeNode('n', undefined, { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }, { key: 'key', value: 'value', effect: 'NoSchedule' }] });
  const status = plugin.filter(new CycleState(), makePod('p'), nodeInfo(node));
  assert.equal(status.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(status.reasons, ['node(s) had untolerated taint {key: value}']);
  const tolerant = makePod('t', {}, { tolerations: [{ key: 'key', operator: 'Exists' }] });
  assert.equal(plugin.filter(new CycleState(), tolerant, nodeInfo(node)).code, 'Success');
});

test('Score counts untolerated PreferNoSchedule taints, normalized reversed (fewer is better)', () => {
  const plugin = taintToleration();
  const state = new CycleState();
  const pod = makePod('p');
  plugin.preScore(state, pod, []);
  const soft = (n: number) => makeNode(`n${n}`, undefined, { taints: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, effect: 'PreferNoSchedule' })) });
  const scores: NodeScore[] = [0, 1, 2].map((n) => ({ name: `n${n}`, score: plugin.score(state, pod, nodeInfo(soft(n))).score }));
  assert.deepEqual(scores.map((s) => s.score), [0, 1, 2]);
  plugin.normalizeScore!(state, pod, scores);
  assert.deepEqual(scores.map((s) => s.score), [100, 50, 0]);
});
