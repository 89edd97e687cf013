// NodeName, NodeUnschedulable, NodePorts, SchedulingGates and PrioritySort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../framework/cycle-state.js';
import { makeNode, makePod, nodeInfo } from '../testing/fixtures.js';
import { nodeNamePlugin } from './nodename/node-name.js';
import { nodeUnschedulable } from './nodeunschedulable/node-unschedulable.js';
import { nodePorts } from './nodeports/node-ports.js';
import { schedulingGates } from './schedulinggates/scheduling-gates.js';
import { prioritySort } from './prioritysort/priority-sort.js';

test('NodeName: only the named node', () => {
  const pod = makePod('p', {}, { nodeName: 'b' });
  assert.equal(nodeNamePlugin().filter(new CycleState(), pod, nodeInfo(makeNode('b'))).code, 'Success');
  assert.deepEqual(nodeNamePlugin().filter(new CycleState(), pod, nodeInfo(makeNode('a'))).reasons, ["node(s) didn't match the requested node name"]);
});

test('NodeUnschedulable: cordoned nodes only for pods tolerating the unschedulable taint', () => {
  const cordoned = nodeInfo(makeNode('c', undefined, { unschedulable: true }));
  assert.deepEqual(nodeUnschedulable().filter(new CycleState(), makePod('p'), cordoned).reasons, ['node(s) were unschedulable']);
  const tolerant = makePod('t', {}, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.equal(nodeUnschedulable().filter(new CycleState(), tolerant, cordoned).code, 'Success');
});

test('NodePorts: same port and protocol conflict when IPs overlap', () => {
  const withPort = (name: string, hostPort: number, hostIP?: string, protocol?: string) =>
    makePod(name, {}, { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, hostIP, protocol }] }] });
  const info = nodeInfo(makeNode('n'), withPort('used', 8080, '10.0.0.1'));
  const check = (pod: ReturnType<typeof makePod>) => {
    const plugin = nodePorts();
    const state = new CycleState();
    const pre = plugin.preFilter(state, pod, []).status;
    return pre.code === 'Skip' ? 'Skip' : plugin.filter(state, pod, info).code;
  };
  assert.equal(check(withPort('wild', 8080)), 'Unschedulable');
  assert.equal(check(withPort('same-ip', 8080, '10.0.0.1')), 'Unschedulable');
  assert.equal(check(withPort('other-ip', 8080, '10.0.0.2')), 'Success');
  assert.equal(check(withPort('udp', 8080, undefined, 'UDP')), 'Success');
  assert.equal(check(makePod('none')), 'Skip');
});

test('SchedulingGates: gated pods are held with the gate names', () => {
  const status = schedulingGates().preEnqueue(makePod('g', {}, { schedulingGates: [{ name: 'a' }, { name: 'b' }] }));
  assert.equal(status.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(status.reasons, ['waiting for scheduling gates: [a b]']);
  assert.equal(schedulingGates().preEnqueue(makePod('free')).code, 'Success');
});

test('PrioritySort: higher priority first, then earlier timestamp', () => {
  const info = (name: string, priority: number, timestamp: number) => ({ pod: makePod(name, {}, { priority }), initialTimestamp: timestamp, timestamp, attempts: 0, gated: false });
  const { less } = prioritySort();
  assert.equal(less(info('hi', 10, 5), info('lo', 0, 1)), true);
  assert.equal(less(info('early', 0, 1), info('late', 0, 2)), true);
  assert.equal(less(info('late', 0, 2), info('early', 0, 1)), false);
});
