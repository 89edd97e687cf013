import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers } from './fixtures.testing.js';
import { printerFor, type PrintableObject } from './table.js';

const group = 'flowcontrol.apiserver.k8s.io';

function flowSchema(name: string, precedence: number, spec: object = {}, status: object = {}): PrintableObject {
  const plc = { name: 'workload-low' };
  return { metadata: { name, creationTimestamp: ago('1h') }, spec: { priorityLevelConfiguration: plc, matchingPrecedence: precedence, ...spec }, status };
}

test('flow schemas', () => {
  assert.deepEqual(headers(group, 'flowschemas'), ['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
  assert.deepEqual(cells(group, 'flowschemas', flowSchema('service-accounts', 9000)), ['service-accounts', 'workload-low', 9000, '<none>', '60m', '?']);
  const byUser = flowSchema('global-default', 9900, { distinguisherMethod: { type: 'ByUser' } }, { conditions: [{ type: 'Dangling', status: 'False' }] });
  assert.deepEqual(cells(group, 'flowschemas', byUser).slice(3), ['ByUser', '60m', 'False']);
});

test('flow schemas list in matching order, then by name', () => {
  const compare = printerFor(group, 'flowschemas').compare;
  assert.ok(compare);
  const list = [flowSchema('b', 1000), flowSchema('exempt', 1), flowSchema('a', 1000)];
  assert.deepEqual(list.sort(compare).map((fs) => (fs as { metadata: { name: string } }).metadata.name), ['exempt', 'a', 'b']);
});

test('priority levels: numbers when limited and queuing, <none> otherwise', () => {
  assert.deepEqual(headers(group, 'prioritylevelconfigurations'), ['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age']);
  const meta = { name: 'workload-low', creationTimestamp: ago('1h') };
  const queuing = { type: 'Limited', limited: { nominalConcurrencyShares: 100, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } };
  assert.deepEqual(cells(group, 'prioritylevelconfigurations', { metadata: meta, spec: queuing }), ['workload-low', 'Limited', 100, 128, 6, 50, '60m']);
  const rejecting = { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } };
  assert.deepEqual(cells(group, 'prioritylevelconfigurations', { metadata: meta, spec: rejecting }).slice(2, 6), [5, '<none>', '<none>', '<none>']);
  const exempt = { type: 'Exempt', exempt: {} };
  assert.deepEqual(cells(group, 'prioritylevelconfigurations', { metadata: meta, spec: exempt }).slice(1, 6), ['Exempt', '<none>', '<none>', '<none>', '<none>']);
});
