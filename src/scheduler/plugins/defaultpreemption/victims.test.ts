import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { nodeResourcesFit } from '../noderesources/fit.js';
import { splitByPdbViolation, type PodDisruptionBudget } from './pdb.js';
import { pickCandidate, selectVictimsOnNode } from './victims.js';

const labelled = (name: string, priority: number, app: string, cpu = '1'): Pod => {
  const p = makePod(name, { cpu }, { priority });
  p.metadata!.labels = { app };
  return p;
};
const pdb = (name: string, app: string, allowed: number, extra: { namespace?: string; disrupted?: string[] } = {}): PodDisruptionBudget => ({
  metadata: { name, namespace: extra.namespace ?? 'default' },
  spec: { selector: { matchLabels: { app } } },
  status: { disruptionsAllowed: allowed, disruptedPods: Object.fromEntries((extra.disrupted ?? []).map((n) => [n, '2026-01-01T00:00:00Z'])) },
});
const names = (pods: readonly Pod[]): string[] => pods.map((p) => p.metadata!.name!);

test('budgets spend their allowed disruptions in victim order; disrupted pods, other namespaces and empty selectors do not count', () => {
  const pods = [labelled('a', 5, 'web'), labelled('b', 4, 'web'), labelled('c', 3, 'web'), labelled('d', 2, 'db')];
  const split = splitByPdbViolation(pods, [pdb('web', 'web', 1, { disrupted: ['a'] })]);
  assert.deepEqual([names(split.nonViolating), names(split.violating)], [['a', 'b', 'd'], ['c']]);
  assert.deepEqual(names(splitByPdbViolation(pods, [pdb('elsewhere', 'web', 0, { namespace: 'other' })]).violating), []);
  const empty: PodDisruptionBudget = { metadata: { name: 'all', namespace: 'default' }, spec: { selector: {} }, status: { disruptionsAllowed: 0 } };
  assert.deepEqual(names(splitByPdbViolation(pods, [empty]).violating), []);
});

function victimsOn(info: NodeInfo, preemptor: Pod, pdbs: PodDisruptionBudget[]) {
  const fit = nodeResourcesFit();
  const state = new CycleState();
  fit.preFilter(state, preemptor, []);
  return selectVictimsOnNode(state, preemptor, info, (s, p, n) => fit.filter(s, p, n), pdbs);
}

test('victims protected by a budget are given back first; one still needed counts as a violation', () => {
  const x = labelled('x', 1, 'x');
  const y = labelled('y', 0, 'y');
  const info = () => nodeInfo(makeNode('n', { cpu: '2', memory: '8Gi', pods: '110' }), x, y);
  const preemptor = makePod('high', { cpu: '1' }, { priority: 10 });
  // No budgets: the more important x is given back, y goes.
  assert.deepEqual(names(victimsOn(info(), preemptor, []).victims), ['y']);
  // y protected: y is given back first, so x goes instead, with no violation.
  const protectedY = victimsOn(info(), preemptor, [pdb('y', 'y', 0)]);
  assert.deepEqual([names(protectedY.victims), protectedY.pdbViolations], [['x'], 0]);
  // Both protected: the usual order among them; the one evicted is a violation.
  const both = victimsOn(info(), preemptor, [pdb('y', 'y', 0), pdb('x', 'x', 0)]);
  assert.deepEqual([names(both.victims), both.pdbViolations], [['y'], 1]);
});

test('the node with fewer budget violations wins before priorities are compared', () => {
  const low = labelled('low', 1, 'a');
  const high = labelled('high', 100, 'b');
  const chosen = pickCandidate([
    { node: 'violating', victims: [low], pdbViolations: 1 },
    { node: 'clean', victims: [high], pdbViolations: 0 },
  ]);
  assert.equal(chosen?.node, 'clean');
  assert.equal(pickCandidate([{ node: 'violating', victims: [low], pdbViolations: 1 }, { node: 'clean', victims: [high], pdbViolations: 1 }])?.node, 'violating');
});
