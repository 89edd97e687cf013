import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editTaints, tolerates } from './taints.js';

test('editTaints adds, replaces and removes by key and effect; undefined when nothing changes', () => {
  const a = { key: 'a', effect: 'NoExecute', timeAdded: 't0' };
  const b = { key: 'b', effect: 'NoSchedule' };
  assert.equal(editTaints([a, b], [{ key: 'a', effect: 'NoExecute' }], []), undefined, 'present already: timeAdded kept, no write');
  assert.deepEqual(editTaints([a, b], [], [{ key: 'a', effect: 'NoExecute' }]), [b]);
  assert.deepEqual(editTaints([b], [a], [{ key: 'x', effect: 'NoExecute' }]), [b, a]);
  assert.deepEqual(editTaints([{ key: 'a', value: 'old', effect: 'NoExecute' }], [a], []), [a], 'a new value replaces the taint');
  assert.equal(editTaints([b], [], [{ key: 'b', effect: 'NoExecute' }]), undefined, 'another effect is another taint');
});

test('tolerates: operators, empty key and effect', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoExecute' };
  assert.equal(tolerates({ operator: 'Exists' }, taint), true, 'empty key with Exists tolerates everything');
  assert.equal(tolerates({ key: 'k', value: 'v' }, taint), true, 'Equal is the default operator');
  assert.equal(tolerates({ key: 'k', value: 'w' }, taint), false);
  assert.equal(tolerates({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, taint), false);
});
