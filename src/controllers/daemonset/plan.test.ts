import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import { planManage, planRollingUpdate, type NodeDaemonPods } from './plan.js';

const run = { shouldRun: true, shouldContinueRunning: true };
let seq = 0;
function pod(hash: string, state: { available?: boolean; phase?: string; terminating?: boolean } = {}): Pod {
  seq++;
  return {
    metadata: { name: `p${seq}`, namespace: 'ns', labels: { 'controller-revision-hash': hash }, ...(state.terminating === true ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { containers: [] },
    status: { phase: state.phase ?? 'Running', conditions: [{ type: 'Ready', status: state.available === false ? 'False' : 'True' }] },
  };
}
const names = (pods: Pod[]) => pods.map((p) => p.metadata?.name);

test('manage: create where missing, wait while terminating, drop failed and extra pods, clear ineligible nodes', () => {
  const extraOld = pod('h');
  const extraNew = pod('h');
  const failed = pod('h', { phase: 'Failed' });
  const leaving = pod('h');
  const nodes: NodeDaemonPods[] = [
    { name: 'empty', placement: run, pods: [] },
    { name: 'going', placement: run, pods: [pod('h', { terminating: true })] },
    { name: 'dup', placement: run, pods: [extraOld, extraNew] },
    { name: 'failed', placement: run, pods: [failed] },
    { name: 'tainted', placement: { shouldRun: false, shouldContinueRunning: false }, pods: [leaving] },
  ];
  const plan = planManage(nodes, 'h', false);
  assert.deepEqual(plan.create, ['empty']);
  assert.deepEqual(names(plan.remove), names([extraNew, failed, leaving]));
});

test('manage while surging keeps one old and one new pod per node', () => {
  const old = pod('old');
  const cur = pod('h');
  assert.deepEqual(planManage([{ name: 'n', placement: run, pods: [old, cur] }], 'h', true).remove, []);
});

test('rolling update without surge: unavailable old pods go at once, available ones within maxUnavailable', () => {
  const a = pod('old');
  const b = pod('old');
  const broken = pod('old', { available: false });
  const nodes: NodeDaemonPods[] = [
    { name: 'a', placement: run, pods: [a] },
    { name: 'b', placement: run, pods: [b] },
    { name: 'c', placement: run, pods: [broken] },
  ];
  const plan = planRollingUpdate({ nodes, hash: 'h', maxSurge: 0, maxUnavailable: 1, minReadySeconds: 0, now: Date.now() });
  assert.deepEqual(names(plan.remove), names([broken, a]));
  const waiting = planRollingUpdate({ nodes: [...nodes, { name: 'd', placement: run, pods: [pod('h', { available: false })] }], hash: 'h', maxSurge: 0, maxUnavailable: 1, minReadySeconds: 0, now: Date.now() });
  assert.deepEqual(names(waiting.remove), names([broken]));
});

test('rolling update with surge: a new pod beside the old, the old removed once the new is available', () => {
  const old1 = pod('old');
  const old2 = pod('old');
  const nodes: NodeDaemonPods[] = [
    { name: 'a', placement: run, pods: [old1, pod('h')] },
    { name: 'b', placement: run, pods: [old2] },
    { name: 'c', placement: run, pods: [pod('old')] },
  ];
  const plan = planRollingUpdate({ nodes, hash: 'h', maxSurge: 1, maxUnavailable: 0, minReadySeconds: 0, now: Date.now() });
  assert.deepEqual(names(plan.remove), names([old1]));
  assert.deepEqual(plan.create, ['b']);
});
