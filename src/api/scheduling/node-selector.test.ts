import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesAnyNodeSelectorTerm, matchesNodeSelectorTerm } from './node-selector.js';

const node = { metadata: { name: 'n1', labels: { zone: 'a', gen: '5' } } };

test('expressions: In, NotIn, Exists, DoesNotExist, Gt, Lt', () => {
  const one = (operator: string, key: string, values?: string[]) => matchesNodeSelectorTerm({ matchExpressions: [{ key, operator, values }] }, node);
  assert.equal(one('In', 'zone', ['a', 'b']), true);
  assert.equal(one('NotIn', 'zone', ['a']), false);
  assert.equal(one('NotIn', 'missing', ['a']), true);
  assert.equal(one('Exists', 'zone'), true);
  assert.equal(one('DoesNotExist', 'zone'), false);
  assert.equal(one('Gt', 'gen', ['4']), true);
  assert.equal(one('Lt', 'gen', ['4']), false);
  assert.equal(one('Gt', 'gen', ['4', '5']), false, 'Gt takes exactly one value');
});

test('fields know metadata.name with In and NotIn; empty terms match nothing; terms are ORed', () => {
  assert.equal(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, node), true);
  assert.equal(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['n1'] }] }, node), false);
  assert.equal(matchesNodeSelectorTerm({}, node), false);
  assert.equal(matchesAnyNodeSelectorTerm([{}, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }], node), true);
});
