import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime } from '../../machinery/time.js';
import type { Pod } from '../../client/index.js';
import { DELETION_TIMEOUT_MS, InvalidIntOrPercentError, budgetStatus, countHealthy, expectedCounts, failSafeStatus, pendingDisruptions, scaledValue, type PodDisruptionBudget } from './budget.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function pod(name: string, ready: boolean, deleting = false): Pod {
  return {
    metadata: { name, ...(deleting ? { deletionTimestamp: formatTime(NOW) } : {}) },
    spec: { containers: [] },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const pdb = (spec: PodDisruptionBudget['spec'], status?: PodDisruptionBudget['status']): PodDisruptionBudget => ({ metadata: { name: 'b', generation: 3 }, spec, status });

describe('budget arithmetic', () => {
  test('scaledValue: ints as is, percentages rounded up or down, anything else refused', () => {
    assert.equal(scaledValue(2, 10, true), 2);
    assert.equal(scaledValue('3', 10, true), 3);
    assert.equal(scaledValue('25%', 10, true), 3);
    assert.equal(scaledValue('25%', 10, false), 2);
    assert.throws(() => scaledValue('abc', 10, true), InvalidIntOrPercentError);
  });

  test('expectedCounts: int minAvailable counts the pods; percentages and maxUnavailable ask the controllers', () => {
    let asked = 0;
    const scale = () => {
      asked++;
      return 4;
    };
    assert.deepEqual(expectedCounts(pdb({ minAvailable: 2 }), 3, scale), { expected: 3, desiredHealthy: 2 });
    assert.equal(asked, 0);
    assert.deepEqual(expectedCounts(pdb({ minAvailable: '50%' }), 3, scale), { expected: 4, desiredHealthy: 2 });
    assert.deepEqual(expectedCounts(pdb({ maxUnavailable: 1 }), 3, scale), { expected: 4, desiredHealthy: 3 });
    assert.deepEqual(expectedCounts(pdb({ maxUnavailable: '10%' }), 3, scale), { expected: 4, desiredHealthy: 3 });
    assert.deepEqual(expectedCounts(pdb({ maxUnavailable: 9 }), 3, scale), { expected: 4, desiredHealthy: 0 });
    assert.equal(asked, 4);
  });

  test('pending disruptions: dropped once the pod is being deleted, gone, or after 2 minutes', () => {
    const fresh = formatTime(NOW - 1000);
    const old = formatTime(NOW - DELETION_TIMEOUT_MS - 1000);
    const pods = [pod('a', true), pod('b', true), pod('c', true, true)];
    const { disrupted, recheckAt } = pendingDisruptions(pods, { a: fresh, b: old, c: fresh, gone: fresh }, NOW);
    assert.deepEqual(disrupted, { a: fresh });
    assert.equal(recheckAt, Date.parse(fresh) + DELETION_TIMEOUT_MS);
    assert.equal(countHealthy([...pods, pod('d', false)], disrupted), 1);
  });

  test('status: disruptionsAllowed and the DisruptionAllowed condition with upstream reasons', () => {
    const ok = budgetStatus(pdb({ minAvailable: 2 }), { currentHealthy: 3, desiredHealthy: 2, expected: 3, disrupted: {} }, NOW);
    assert.equal(ok.disruptionsAllowed, 1);
    assert.equal(ok.observedGeneration, 3);
    assert.equal(ok.expectedPods, 3);
    assert.equal(ok.disruptedPods, undefined);
    assert.deepEqual(ok.conditions?.map((c) => [c.type, c.status, c.reason]), [['DisruptionAllowed', 'True', 'SufficientPods']]);
    const later = budgetStatus(pdb({ minAvailable: 2 }, ok), { currentHealthy: 4, desiredHealthy: 2, expected: 3, disrupted: {} }, NOW + 5000);
    assert.equal(later.conditions?.[0]?.lastTransitionTime, formatTime(NOW));
    const short = budgetStatus(pdb({ minAvailable: 2 }, ok), { currentHealthy: 1, desiredHealthy: 2, expected: 3, disrupted: {} }, NOW + 5000);
    assert.equal(short.disruptionsAllowed, 0);
    assert.deepEqual(short.conditions?.map((c) => [c.status, c.reason, c.lastTransitionTime]), [['False', 'InsufficientPods', formatTime(NOW + 5000)]]);
    const none = budgetStatus(pdb({ maxUnavailable: 1 }), { currentHealthy: 0, desiredHealthy: 0, expected: 0, disrupted: {} }, NOW);
    assert.equal(none.disruptionsAllowed, 0);
  });

  test('fail safe: no disruption allowed, reason SyncFailed with the error', () => {
    const status = failSafeStatus(pdb({ minAvailable: '50%' }, { disruptionsAllowed: 2, currentHealthy: 4, desiredHealthy: 2, expectedPods: 4 }), 'found no controllers for pod "x"', NOW);
    assert.equal(status.disruptionsAllowed, 0);
    assert.equal(status.currentHealthy, 4);
    assert.deepEqual(status.conditions?.map((c) => [c.status, c.reason, c.message]), [['False', 'SyncFailed', 'found no controllers for pod "x"']]);
  });
});
