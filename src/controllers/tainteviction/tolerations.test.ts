import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Taint } from '../base/taints.js';
import { tolerationTime } from './tolerations.js';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };

test('an untolerated taint evicts at once', () => {
  assert.equal(tolerationTime([unreachable], []), 'now');
  assert.equal(tolerationTime([unreachable, notReady], [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute' }]), 'now');
});

test('the shortest tolerationSeconds of the tolerations used wins', () => {
  const tolerations = [
    { key: unreachable.key, operator: 'Exists' as const, effect: 'NoExecute', tolerationSeconds: 300 },
    { key: notReady.key, operator: 'Exists' as const, tolerationSeconds: 2 },
    { key: notReady.key, operator: 'Exists' as const, tolerationSeconds: 1 },
  ];
  assert.equal(tolerationTime([unreachable], tolerations), 300_000);
  assert.equal(tolerationTime([unreachable, notReady], tolerations), 2_000, 'only the first match of each taint counts');
});

test('without tolerationSeconds a pod stays for ever; none or negative is at once', () => {
  assert.equal(tolerationTime([unreachable], [{ operator: 'Exists' }]), 'never');
  assert.equal(tolerationTime([unreachable], [{ operator: 'Exists', tolerationSeconds: -5 }]), 0);
  assert.equal(tolerationTime([], []), 'never');
  assert.equal(tolerationTime([{ key: 'k', value: 'v', effect: 'NoExecute' }], [{ key: 'k', value: 'w' }]), 'now', 'Equal compares values');
});
