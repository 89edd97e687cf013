import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import { planStep, type Action } from './plan.js';
import type { StatefulSet } from './types.js';

const set = (spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet => ({ metadata: { name: 'web', namespace: 'ns' }, spec: { replicas: 3, ...spec } });

function pod(ordinal: number, state: { ready?: boolean; revision?: string; terminating?: boolean; phase?: string } = {}): Pod {
  return {
    metadata: {
      name: `web-${ordinal}`,
      uid: `u${ordinal}`,
      labels: { 'controller-revision-hash': state.revision ?? 'new' },
      ...(state.terminating === true ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: { containers: [] },
    status: { phase: state.phase ?? 'Running', conditions: [{ type: 'Ready', status: state.ready === false ? 'False' : 'True' }] },
  };
}

const pods = (...list: Pod[]) => new Map(list.map((p) => [Number(p.metadata!.name!.split('-')[1]), p]));
const describe = (actions: Action[]) => actions.map((a) => (a.kind === 'create' ? `create ${a.ordinal}` : `delete ${a.pod.metadata?.name ?? ''} (${a.why})`));
const plan = (s: StatefulSet, p: Map<number, Pod>) => describe(planStep({ set: s, pods: p, updateRevision: 'new', now: Date.now() }));

test('OrderedReady creates one pod at a time and waits for the previous to be Ready', () => {
  assert.deepEqual(plan(set(), pods()), ['create 0']);
  assert.deepEqual(plan(set(), pods(pod(0, { ready: false }))), []);
  assert.deepEqual(plan(set(), pods(pod(0))), ['create 1']);
  assert.deepEqual(plan(set(), pods(pod(0), pod(1, { terminating: true }))), []);
});

test('Parallel creates every missing pod at once', () => {
  assert.deepEqual(plan(set({ podManagementPolicy: 'Parallel' }), pods(pod(1, { ready: false }))), ['create 0', 'create 2']);
});

test('a failed pod is deleted to be recreated', () => {
  assert.deepEqual(plan(set(), pods(pod(0), pod(1, { phase: 'Failed' }))), ['delete web-1 (failed)']);
});

test('scale down removes the highest ordinal first, one at a time when ordered', () => {
  const all = pods(pod(0), pod(1), pod(2));
  assert.deepEqual(plan(set({ replicas: 1 }), all), ['delete web-2 (condemned)']);
  assert.deepEqual(plan(set({ replicas: 1 }), pods(pod(0), pod(1), pod(2, { terminating: true }))), []);
  assert.deepEqual(plan(set({ replicas: 1, podManagementPolicy: 'Parallel' }), all), ['delete web-2 (condemned)', 'delete web-1 (condemned)']);
});

test('rolling update deletes outdated pods from the highest ordinal, above the partition, within maxUnavailable', () => {
  const old = pods(pod(0, { revision: 'old' }), pod(1, { revision: 'old' }), pod(2, { revision: 'old' }));
  assert.deepEqual(plan(set(), old), ['delete web-2 (update)']);
  assert.deepEqual(plan(set(), pods(pod(0, { revision: 'old' }), pod(1, { revision: 'old' }), pod(2, { ready: false }))), []);
  assert.deepEqual(plan(set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }), pods(pod(0, { revision: 'old' }), pod(1, { revision: 'old' }), pod(2))), []);
  assert.deepEqual(plan(set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }), old), ['delete web-2 (update)', 'delete web-1 (update)']);
  assert.deepEqual(plan(set({ updateStrategy: { type: 'OnDelete' } }), old), []);
});
