import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { podRequests } from '../../framework/resources.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { fitArgs, FitArgsError, nodeResourcesFit } from './fit.js';
import { balancedAllocation } from './balanced-allocation.js';
import { balancedArgs } from './balanced-args.js';

function filter(pod: ReturnType<typeof makePod>, info: ReturnType<typeof nodeInfo>) {
  const plugin = nodeResourcesFit();
  const state = new CycleState();
  plugin.preFilter(state, pod, []);
  return plugin.filter(state, pod, info);
}

test('requests: containers summed, the largest init container wins when larger, sidecars add, overhead on top', () => {
  const pod = makePod('p', { cpu: '200m', memory: '100Mi' }, {
    containers: [
      { name: 'a', resources: { requests: { cpu: '200m', memory: '100Mi' } } },
      { name: 'b', resources: { requests: { cpu: '300m' } } },
    ],
    initContainers: [
      { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
      { name: 'init', resources: { requests: { cpu: '1', memory: '50Mi' } } },
    ],
    overhead: { cpu: '10m' },
  });
  const req = podRequests(pod);
  // containers 500m + sidecar 100m = 600m; init 1 + sidecar 100m = 1100m wins; + 10m overhead.
  assert.equal(req.get('cpu'), 1110);
  assert.equal(req.get('memory'), 100 * 1024 * 1024);
  assert.equal(podRequests(makePod('empty'), true).get('cpu'), 100);
  assert.equal(podRequests(makePod('empty'), true).get('memory'), 200 * 1024 * 1024);
});

test('Filter reports each insufficient resource and too many pods', () => {
  const node = makeNode('n', { cpu: '1', memory: '1Gi', pods: '1' });
  const used = nodeInfo(node, makePod('used', { cpu: '500m' }));
  const status = filter(makePod('p', { cpu: '600m', memory: '2Gi' }), used);
  assert.equal(status.code, 'Unschedulable');
  assert.deepEqual(status.reasons, ['Too many pods', 'Insufficient cpu', 'Insufficient memory']);
  assert.equal(filter(makePod('p', { cpu: '1' }), nodeInfo(makeNode('n'))).code, 'Success');
  assert.deepEqual(filter(makePod('p', { 'example.com/gpu': '1' }), nodeInfo(makeNode('n'))).reasons, ['Insufficient example.com/gpu']);
});

test('LeastAllocated score: ((allocatable − requested) × 100 / allocatable) averaged over cpu and memory', () => {
  const plugin = nodeResourcesFit();
  const state = new CycleState();
  const pod = makePod('p', { cpu: '1', memory: '2Gi' });
  plugin.preScore(state, pod, []);
  const info = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi', pods: '110' }), makePod('x', { cpu: '1', memory: '2Gi' }));
  // cpu (4−2)/4 = 50, memory (8−4)/8 = 50.
  assert.equal(plugin.score(state, pod, info).score, 50);
  const most = nodeResourcesFit(fitArgs({ scoringStrategy: { type: 'MostAllocated' } }));
  most.preScore(state, pod, []);
  assert.equal(most.score(state, pod, info).score, 50);
  assert.throws(() => fitArgs({ scoringStrategy: { type: 'Nope' } }), FitArgsError);
});

test('BalancedAllocation: 100 × (1 − |cpu fraction − memory fraction| / 2)', () => {
  const plugin = balancedAllocation();
  const state = new CycleState();
  const pod = makePod('p', { cpu: '2', memory: '2Gi' });
  plugin.preScore(state, pod, []);
  // cpu 2/4 = 0.5, memory 2/8 = 0.25 → std 0.125 → 87.
  assert.equal(plugin.score(state, pod, nodeInfo(makeNode('n'))).score, 87);
});

test('ignoredResourceGroups: a shortage of an extended resource of an ignored group does not reject the node', () => {
  const node = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi', pods: '110', 'example.com/foo': '1' }));
  const pod = makePod('p', { cpu: '1', 'example.com/foo': '2', 'other.io/bar': '1' });
  const check = (raw: Record<string, unknown>) => {
    const plugin = nodeResourcesFit(fitArgs(raw));
    const state = new CycleState();
    plugin.preFilter(state, pod, []);
    return plugin.filter(state, pod, node).reasons;
  };
  assert.deepEqual(check({}), ['Insufficient example.com/foo', 'Insufficient other.io/bar']);
  assert.deepEqual(check({ ignoredResourceGroups: ['example.com'] }), ['Insufficient other.io/bar']);
  assert.deepEqual(check({ ignoredResourceGroups: ['example.com'], ignoredResources: ['other.io/bar'] }), []);
});

test('BalancedAllocation scores the resources its args name', () => {
  const node = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '4' }));
  const pod = makePod('p', { cpu: '2', memory: '1Gi', 'example.com/gpu': '2' });
  const score = (resources?: { name: string }[]) => {
    const plugin = balancedAllocation(balancedArgs(resources === undefined ? undefined : { resources }));
    const state = new CycleState();
    plugin.preScore(state, pod, []);
    return plugin.score(state, pod, node).score;
  };
  // cpu 0.5 and memory 0.125 by default; cpu and the gpu are both at 0.5.
  assert.equal(score(), 81);
  assert.equal(score([{ name: 'cpu' }, { name: 'example.com/gpu' }]), 100);
});
