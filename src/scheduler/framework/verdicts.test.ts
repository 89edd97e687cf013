import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerCache } from '../cache/cache.js';
import { Snapshot } from '../cache/snapshot.js';
import { buildFramework } from '../config/profile.js';
import { NodeCursor, schedulePod } from '../schedule-one.js';
import { makeNode, makePod } from '../testing/fixtures.js';
import { testHandle } from '../testing/handle.js';
import { FILTER_RESULT_ANNOTATION, FINAL_SCORE_RESULT_ANNOTATION, SCORE_RESULT_ANNOTATION } from './verdicts.js';

function framework(recordVerdicts: boolean) {
  const cache = new SchedulerCache();
  const snapshot = new Snapshot();
  cache.addNode(makeNode('small', { cpu: '1', memory: '8Gi', pods: '110' }));
  cache.addNode(makeNode('tainted', undefined, { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }));
  cache.addNode(makeNode('a'));
  cache.addNode(makeNode('b'));
  cache.updateSnapshot(snapshot);
  return { fw: buildFramework({ schedulerName: 'default-scheduler', recordVerdicts }, testHandle(snapshot), undefined), snapshot };
}

test('off by default: no verdicts are recorded', () => {
  assert.equal(framework(false).fw.newCycleState().verdicts, undefined);
});

test('recorded: every Filter verdict per node and plugin, raw and weighted normalized scores, in the simulator\'s shape', () => {
  const { fw, snapshot } = framework(true);
  const state = fw.newCycleState();
  const result = schedulePod(fw, state, makePod('p', { cpu: '2' }), snapshot, new NodeCursor());
  assert.equal(result.kind, 'scheduled');
  const annotations = state.verdicts!.annotations();
  const filters = JSON.parse(annotations[FILTER_RESULT_ANNOTATION]!) as Record<string, Record<string, string>>;
  assert.deepEqual(Object.keys(filters).sort(), ['a', 'b', 'small', 'tainted']);
  // Plugins run in order until the first rejection; those whose PreFilter skipped (no node
  // affinity, no host ports) do not run.
  assert.deepEqual(filters.small, { NodeUnschedulable: 'passed', NodeName: 'passed', TaintToleration: 'passed', NodeResourcesFit: 'Insufficient cpu' });
  assert.equal(filters.tainted?.TaintToleration, 'node(s) had untolerated taint {k: v}');
  assert.equal(filters.a?.NodeResourcesFit, 'passed');
  const scores = JSON.parse(annotations[SCORE_RESULT_ANNOTATION]!) as Record<string, Record<string, string>>;
  const finals = JSON.parse(annotations[FINAL_SCORE_RESULT_ANNOTATION]!) as Record<string, Record<string, string>>;
  assert.deepEqual(Object.keys(scores).sort(), ['a', 'b']);
  // LeastAllocated: cpu (4−2)/4 = 50, memory (8Gi − 200Mi default)/8Gi = 97 → 73; weight 1.
  assert.equal(scores.a?.NodeResourcesFit, '73');
  assert.equal(finals.a?.NodeResourcesFit, '73');
  // TaintToleration scores 0 intolerable taints, normalized to 100, times weight 3.
  assert.deepEqual([scores.a?.TaintToleration, finals.a?.TaintToleration], ['0', '300']);
});
