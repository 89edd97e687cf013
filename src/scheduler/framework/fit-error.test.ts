import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitErrorMessage } from './fit-error.js';
import { Status } from './status.js';

test('reasons are counted over nodes and sorted as "<count> <reason>" strings', () => {
  const statuses = new Map([
    ['a', Status.unschedulable('Insufficient cpu')],
    ['b', Status.unschedulable('Insufficient cpu', 'Insufficient memory')],
    ['c', Status.unresolvable('node(s) had untolerated taint {key: value}')],
  ]);
  assert.equal(fitErrorMessage(3, statuses), '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {key: value}, 2 Insufficient cpu.');
});

test('absent nodes take the absent status; PreFilter messages replace node reasons; PostFilter appended', () => {
  const statuses = new Map([['a', Status.unresolvable('No preemption victims found for incoming pod')]]);
  assert.equal(
    fitErrorMessage(3, statuses, Status.unresolvable('Preemption is not helpful for scheduling')),
    '0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
  );
  assert.equal(fitErrorMessage(2, statuses, undefined, 'pre says no', 'preemption: x.'), '0/2 nodes are available: pre says no. preemption: x.');
});
