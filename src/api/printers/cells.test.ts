import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boolText, conditionTrue, containerCells, formatLabelSelector, formatLabels, groupKindName, groupOf, intOrString,
  joinHostPort, listWithMore, quantity, selectorString,
} from './cells.js';

test('formatLabels sorts by key and says <none> when empty', () => {
  assert.equal(formatLabels({ tier: 'web', app: 'x' }), 'app=x,tier=web');
  assert.equal(formatLabels({}), '<none>');
  assert.equal(formatLabels(undefined), '<none>');
});

test('formatLabelSelector: canonical string, <none> for empty or absent, <error> when invalid', () => {
  const selector = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['b', 'a'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'env', operator: 'Exists' },
    ],
  };
  assert.equal(formatLabelSelector(selector), 'app=web,!canary,env,tier in (a,b)');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector(undefined), '<none>');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Near' }] }), '<error>');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), '<error>');
});

test('selectorString: empty for none, <invalid> when invalid', () => {
  assert.equal(selectorString({ matchLabels: { app: 'web' } }), 'app=web');
  assert.equal(selectorString(undefined), '');
  assert.equal(selectorString({ matchLabels: { 'bad key!': 'x' } }), '<invalid>');
});

test('containerCells joins names and images', () => {
  assert.deepEqual(containerCells([{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox:1' }]), ['a,b', 'nginx,busybox:1']);
  assert.deepEqual(containerCells(undefined), ['', '']);
});

test('listWithMore shows three and counts the rest', () => {
  assert.equal(listWithMore(['a', 'b'], 3), 'a,b');
  assert.equal(listWithMore(['a', 'b', 'c', 'd', 'e'], 3), 'a,b,c + 2 more...');
  assert.equal(listWithMore([], 3), '<unset>');
});

test('quantity prints upstream String forms', () => {
  assert.equal(quantity('10Gi'), '10Gi');
  assert.equal(quantity('1.5Gi'), '1536Mi');
  assert.equal(quantity('0.5'), '500m');
  assert.equal(quantity(2), '2');
  assert.equal(quantity(undefined), '0');
  assert.equal(quantity(undefined, '<nil>'), '<nil>');
  assert.equal(quantity('not a quantity'), 'not a quantity');
});

test('small formats', () => {
  assert.equal(intOrString(3), '3');
  assert.equal(intOrString('25%'), '25%');
  assert.equal(boolText(true), 'True');
  assert.equal(boolText(false), 'False');
  assert.equal(boolText(undefined), '<unset>');
  assert.equal(conditionTrue([{ type: 'A', status: 'False' }, { type: 'A', status: 'True' }], 'A'), false);
  assert.equal(conditionTrue([{ type: 'A', status: 'True' }], 'A'), true);
  assert.equal(groupKindName('apps', 'StatefulSet', 'web'), 'statefulset.apps/web');
  assert.equal(groupKindName('', 'Pod', 'p'), 'pod/p');
  assert.equal(groupKindName('', '', 'p'), 'p');
  assert.equal(groupOf('apps/v1'), 'apps');
  assert.equal(groupOf('v1'), '');
  assert.equal(groupOf('a/b/c'), undefined);
  assert.equal(joinHostPort('10.0.0.1', 80), '10.0.0.1:80');
  assert.equal(joinHostPort('fd00::1', 80), '[fd00::1]:80');
});
