import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { FitArgsError, fitArgs, nodeResourcesFit } from './fit.js';
import { brokenLinear } from './requested-to-capacity-ratio.js';

function scoreWith(strategy: Record<string, unknown>, existing: Record<string, string>, incoming: Record<string, string>, allocatable = { cpu: '4', memory: '8Gi', pods: '110' }): number {
  const plugin = nodeResourcesFit(fitArgs({ scoringStrategy: { type: 'RequestedToCapacityRatio', ...strategy } }));
  const state = new CycleState();
  const pod = makePod('p', incoming);
  plugin.preScore(state, pod, []);
  return plugin.score(state, pod, nodeInfo(makeNode('n', allocatable), makePod('x', existing))).score;
}

const up = { requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] } };
const down = { requestedToCapacityRatio: { shape: [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] } };
const peak = { requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 40, score: 10 }, { utilization: 100, score: 0 }] } };

test('the shape maps utilization (scores ×10), interpolating in integers and flat outside its points', () => {
  const f = brokenLinear([{ utilization: 20, score: 30 }, { utilization: 50, score: 90 }]);
  assert.deepEqual([f(0), f(20), f(30), f(49), f(50), f(100)], [30, 30, 50, 88, 90, 90]);
  // cpu and memory both at 50 %.
  const half = { cpu: '1', memory: '2Gi' };
  assert.equal(scoreWith(up, half, half), 50);
  assert.equal(scoreWith(down, half, half), 50);
  // 100 + trunc(−100 × 10 / 60) = 84.
  assert.equal(scoreWith(peak, half, half), 84);
});

test('resources are averaged by weight, only those scoring above zero, and rounded', () => {
  // cpu 50 % (weight 3), memory 25 % (weight 1): (150 + 25) / 4 = 43.75.
  const weighted = { ...up, resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] };
  assert.equal(scoreWith(weighted, { cpu: '1' }, { cpu: '1', memory: '2Gi' }), 44);
  // An unused GPU scores 0 and does not pull the average down.
  const gpu = { ...up, resources: [{ name: 'cpu', weight: 1 }, { name: 'example.com/gpu', weight: 1 }] };
  assert.equal(scoreWith(gpu, { cpu: '1' }, { cpu: '1' }, { cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '4' } as never), 50);
});

test('args: every invalid field is reported by name', () => {
  const errors = (args: Record<string, unknown>): readonly string[] => {
    try {
      fitArgs(args);
    } catch (error) {
      assert.ok(error instanceof FitArgsError);
      return error.errors;
    }
    return [];
  };
  assert.deepEqual(errors({ scoringStrategy: { type: 'RequestedToCapacityRatio' } }), ['scoringStrategy.requestedToCapacityRatio.shape: Required value: at least one point must be specified']);
  assert.deepEqual(
    errors({
      scoringStrategy: {
        type: 'RequestedToCapacityRatio',
        resources: [{ name: 'cpu', weight: 0 }],
        requestedToCapacityRatio: { shape: [{ utilization: 50, score: 11 }, { utilization: 40, score: 1 }, { utilization: 101, score: 1 }] },
      },
    }),
    [
      'scoringStrategy.resources[0].weight: Invalid value: 0: resource weight of cpu not in valid range (0, 100]',
      'scoringStrategy.requestedToCapacityRatio.shape[0].score: Invalid value: 11: not in valid range [0, 10]',
      'scoringStrategy.requestedToCapacityRatio.shape[1].utilization: Invalid value: 40: utilization values must be sorted in increasing order',
      'scoringStrategy.requestedToCapacityRatio.shape[2].utilization: Invalid value: 101: not in valid range [0, 100]',
    ],
  );
});
