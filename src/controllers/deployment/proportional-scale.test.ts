// The outcomes of upstream's TestScale (sync_test.go) and TestGetReplicaSetFraction
// (deployment_util_test.go), case by case.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaSet } from '../replicaset/types.js';
import { activeOrLatest, isScalingEvent, planScale, replicaSetFraction } from './proportional-scale.js';
import { resolveFenceposts } from './rolling-math.js';
import type { Deployment } from './types.js';

const NEWER = '2016-05-20T02:00:00Z';
const OLD = '2016-05-20T01:00:00Z';
const OLDER = '2016-05-20T00:00:00Z';

function deployment(replicas: number, maxSurge = 0, statusReplicas?: number): Deployment {
  return { spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 0 } } }, status: { replicas: statusReplicas } };
}

const surgeOf = (d: Deployment) => resolveFenceposts(d.spec?.strategy?.rollingUpdate?.maxSurge, d.spec?.strategy?.rollingUpdate?.maxUnavailable, d.spec?.replicas ?? 1).surge;

/** A ReplicaSet last sized by `sizedBy` (its desired/max-replicas annotations), as upstream's test sets them. */
function rs(name: string, replicas: number, created: string, sizedBy?: Deployment, available = 0): ReplicaSet {
  const desired = sizedBy?.spec?.replicas ?? 0;
  const annotations = sizedBy === undefined ? undefined : { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + surgeOf(sizedBy)) };
  return { metadata: { name, creationTimestamp: created, annotations }, spec: { replicas }, status: { replicas, availableReplicas: available } };
}

interface Case {
  readonly name: string;
  readonly to: Deployment;
  readonly from: Deployment;
  /** name, replicas, created; the first is the new ReplicaSet unless `noNew`. */
  readonly sets: ReadonlyArray<readonly [string, number, string]>;
  readonly noNew?: boolean;
  readonly expected: Record<string, number>;
}

const cases: Case[] = [
  { name: 'normal scaling event: 10 -> 12', to: deployment(12), from: deployment(10), sets: [['v1', 10, NEWER]], expected: { v1: 12 } },
  { name: 'normal scaling event: 10 -> 5', to: deployment(5), from: deployment(10), sets: [['v1', 10, NEWER]], expected: { v1: 5 } },
  { name: 'proportional scaling: 5 -> 10', to: deployment(10), from: deployment(5), sets: [['v2', 2, NEWER], ['v1', 3, OLD]], expected: { v2: 4, v1: 6 } },
  { name: 'proportional scaling: 5 -> 3', to: deployment(3), from: deployment(5), sets: [['v2', 2, NEWER], ['v1', 3, OLD]], expected: { v2: 1, v1: 2 } },
  { name: 'proportional scaling: 9 -> 4', to: deployment(4), from: deployment(9), sets: [['v2', 8, NEWER], ['v1', 1, OLD]], expected: { v2: 4, v1: 0 } },
  { name: 'proportional scaling: 7 -> 10', to: deployment(10), from: deployment(7), sets: [['v3', 2, NEWER], ['v2', 3, OLD], ['v1', 2, OLDER]], expected: { v3: 3, v2: 4, v1: 3 } },
  { name: 'proportional scaling: 13 -> 8', to: deployment(8), from: deployment(13), sets: [['v3', 2, NEWER], ['v2', 8, OLD], ['v1', 3, OLDER]], expected: { v3: 1, v2: 5, v1: 2 } },
  { name: 'leftover distribution: 3 -> 4 grows the newest', to: deployment(4), from: deployment(3), sets: [['v3', 1, NEWER], ['v2', 1, OLD], ['v1', 1, OLDER]], expected: { v3: 2, v2: 1, v1: 1 } },
  { name: 'leftover distribution: 3 -> 2 shrinks the oldest', to: deployment(2), from: deployment(3), sets: [['v3', 1, NEWER], ['v2', 1, OLD], ['v1', 1, OLDER]], expected: { v3: 1, v2: 1, v1: 0 } },
  { name: 'no new ReplicaSet: 4 -> 5 grows the latest', to: deployment(5), from: deployment(4), sets: [['v2', 2, OLD], ['v1', 2, OLDER]], noNew: true, expected: { v2: 3, v1: 2 } },
  { name: 'proportional scaling: 6 -> 0', to: deployment(0), from: deployment(6), sets: [['v3', 3, NEWER], ['v2', 2, OLD], ['v1', 1, OLDER]], expected: { v3: 0, v2: 0, v1: 0 } },
  { name: 'from zero: 0 -> 6 only the new ReplicaSet', to: deployment(6), from: deployment(6), sets: [['v3', 0, NEWER], ['v2', 0, OLD], ['v1', 0, OLDER]], expected: { v3: 6, v2: 0, v1: 0 } },
  { name: 'surge pods scale too', to: deployment(20, 2), from: deployment(10, 2), sets: [['v2', 6, NEWER], ['v1', 6, OLD]], expected: { v2: 11, v1: 11 } },
  { name: 'both surge and size change', to: deployment(50, 6), from: deployment(10, 3), sets: [['v2', 5, NEWER], ['v1', 8, OLD]], expected: { v2: 22, v1: 34 } },
  { name: 'size and template change', to: deployment(14), from: deployment(10), sets: [['v2', 7, NEWER], ['v1', 3, OLD]], noNew: true, expected: { v2: 10, v1: 4 } },
];

/** Runs planScale and applies its answer to the starting sizes. */
function sizesAfter(c: Case): Record<string, number> {
  const sets = c.sets.map(([name, replicas, created]) => rs(name, replicas, created, c.from));
  const newRS = c.noNew === true ? undefined : sets[0];
  const old = c.noNew === true ? sets : sets.slice(1);
  const sizes = Object.fromEntries(c.sets.map(([name, replicas]) => [name, replicas]));
  for (const { rs: target, replicas } of planScale(c.to, newRS, old, surgeOf(c.to))) sizes[target.metadata!.name!] = replicas;
  return sizes;
}

for (const c of cases) {
  test(`scale: ${c.name}`, () => {
    assert.deepEqual(sizesAfter(c), c.expected);
  });
}

test('scale: one set sized for another replica count takes its share against its own annotation', () => {
  // Upstream's "failed rs update": v2 was last sized for 3, the others for 5; 5 -> 5 adds one to v2.
  const d = deployment(5);
  const sets = [rs('v3', 2, NEWER, deployment(5)), rs('v2', 1, OLD, deployment(3)), rs('v1', 1, OLDER, deployment(5))];
  const planned = planScale(d, sets[0], sets.slice(1), 0).map((t) => [t.rs.metadata?.name, t.replicas]);
  assert.deepEqual(Object.fromEntries(planned), { v3: 2, v2: 2, v1: 1 });
});

test('scale: a saturated new ReplicaSet scales the old ones to 0; a broken one leaves them', () => {
  const d = deployment(2, 1);
  const saturated = rs('v2', 2, NEWER, d, 2);
  assert.deepEqual(planScale(d, saturated, [rs('v1', 1, OLD, d)], 1).map((t) => [t.rs.metadata?.name, t.replicas]), [['v1', 0]]);
  const broken = rs('v2', 2, NEWER, d, 0);
  const planned = planScale(d, broken, [rs('v1', 1, OLD, d)], 1);
  assert.ok(planned.every((t) => t.replicas === t.rs.spec?.replicas), 'nothing changes size');
});

test('scale: Recreate never shares replicas among several active ReplicaSets', () => {
  const d: Deployment = { spec: { replicas: 10, strategy: { type: 'Recreate' } } };
  assert.deepEqual(planScale(d, rs('v2', 2, NEWER, deployment(5)), [rs('v1', 3, OLD, deployment(5))], 0), []);
});

test('activeOrLatest: the only active set, the newest when none is, none when several are', () => {
  const a = rs('a', 0, OLDER);
  const b = rs('b', 0, OLD);
  assert.equal(activeOrLatest(undefined, [a, b]), b);
  assert.equal(activeOrLatest(rs('n', 0, NEWER), [a, b])?.metadata?.name, 'n');
  assert.equal(activeOrLatest(undefined, [a, rs('c', 2, OLD)])?.metadata?.name, 'c');
  assert.equal(activeOrLatest(rs('n', 1, NEWER), [rs('c', 2, OLD)]), undefined);
});

test('isScalingEvent: an active set annotated with other desired replicas', () => {
  assert.equal(isScalingEvent(deployment(5), [rs('a', 3, OLD, deployment(3))]), true);
  assert.equal(isScalingEvent(deployment(5), [rs('a', 3, OLD, deployment(5))]), false);
  assert.equal(isScalingEvent(deployment(5), [rs('a', 0, OLD, deployment(3))]), false, 'inactive sets do not count');
  assert.equal(isScalingEvent(deployment(5), [rs('a', 3, OLD)]), false, 'no annotation, no event');
});

test('replicaSetFraction: upstream table', () => {
  const withMax = (replicas: number, max: string | undefined): ReplicaSet => ({ metadata: { annotations: max === undefined ? undefined : { 'deployment.kubernetes.io/max-replicas': max } }, spec: { replicas } });
  // Empty deployment always scales to 0.
  assert.equal(replicaSetFraction(deployment(0), withMax(10, undefined), 0), -10);
  // Annotation missing or 0 and no status: no change.
  assert.equal(replicaSetFraction(deployment(10), withMax(5, undefined), 0), 0);
  assert.equal(replicaSetFraction(deployment(10), withMax(5, '0'), 0), 0);
  // Falls back to status.replicas.
  assert.equal(replicaSetFraction(deployment(120, 0, 100), withMax(50, undefined), 0), 10);
  assert.equal(replicaSetFraction(deployment(120, 0, 100), withMax(50, '0'), 0), 10);
  assert.equal(replicaSetFraction(deployment(120), withMax(50, '100'), 0), 10);
  assert.equal(replicaSetFraction(deployment(120, 10), withMax(50, '110'), 10), 9);
  assert.equal(replicaSetFraction(deployment(10), withMax(6, '12'), 0), -1);
  assert.equal(replicaSetFraction(deployment(100, 10), withMax(50, '130'), 10), -8);
});
