import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers, narrow } from './fixtures.testing.js';
import type { PrintableObject } from './table.js';

const meta = { name: 'pi', creationTimestamp: ago('10m') };
const template = { spec: { containers: [{ name: 'pi', image: 'perl' }] } };

function job(spec: object, status: object = {}, metadata: object = {}): PrintableObject {
  return { metadata: { ...meta, ...metadata }, spec: { template, ...spec }, status };
}

test('job columns', () => {
  assert.deepEqual(headers('batch', 'jobs'), ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
});

test('a complete job: 1/1 and how long it took', () => {
  const j = job(
    { completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } },
    { succeeded: 1, startTime: ago('10m'), completionTime: ago('9m'), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] },
  );
  assert.deepEqual(cells('batch', 'jobs', j), ['pi', 'Complete', '1/1', '60s', '10m', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u1']);
});

test('job status follows upstream precedence', () => {
  const withConditions = (types: string[], metadata: object = {}) =>
    cells('batch', 'jobs', job({ completions: 1 }, { conditions: types.map((type) => ({ type, status: 'True' })) }, metadata))[1];
  assert.equal(withConditions([]), 'Running');
  assert.equal(withConditions(['Failed', 'FailureTarget']), 'Failed');
  assert.equal(withConditions(['Suspended'], { deletionTimestamp: ago('1s') }), 'Terminating');
  assert.equal(withConditions(['Complete'], { deletionTimestamp: ago('1s') }), 'Complete');
  assert.equal(withConditions(['Suspended']), 'Suspended');
  assert.equal(withConditions(['FailureTarget']), 'FailureTarget');
  assert.equal(withConditions(['SuccessCriteriaMet']), 'SuccessCriteriaMet');
  const falseComplete = job({}, { conditions: [{ type: 'Complete', status: 'False' }] });
  assert.equal(cells('batch', 'jobs', falseComplete)[1], 'Running');
});

test('completions and duration of running jobs', () => {
  assert.deepEqual(narrow('batch', 'jobs', job({ completions: 5, parallelism: 2 }, { succeeded: 3, startTime: ago('125s') })).slice(2, 4), ['3/5', '2m5s']);
  assert.equal(cells('batch', 'jobs', job({ parallelism: 4 }, {}))[2], '0/1 of 4');
  assert.equal(cells('batch', 'jobs', job({ parallelism: 1 }, { succeeded: 1 }))[2], '1/1');
  assert.equal(cells('batch', 'jobs', job({}))[3], '');
});

test('cron jobs', () => {
  assert.deepEqual(headers('batch', 'cronjobs', false), ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age']);
  const cj = {
    metadata: { name: 'hello', creationTimestamp: ago('3d') },
    spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } },
    status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago('4m') },
  };
  assert.deepEqual(cells('batch', 'cronjobs', cj), ['hello', '*/5 * * * *', '<none>', 'False', 1, '4m', '3d', 'pi', 'perl', '<none>']);
  const never = { metadata: { name: 'n' }, spec: { schedule: '@daily', timeZone: 'Etc/UTC', suspend: true } };
  assert.deepEqual(narrow('batch', 'cronjobs', never), ['n', '@daily', 'Etc/UTC', 'True', 0, '<none>', '<unknown>']);
  assert.equal(cells('batch', 'cronjobs', { metadata: { name: 'u' }, spec: {} })[3], '<unset>');
});
