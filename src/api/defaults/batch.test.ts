import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCronJob, defaultJob } from './batch.js';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';

const TEMPLATE = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const DEFAULTED_TEMPLATE = {
  spec: {
    restartPolicy: 'Never',
    containers: [
      { name: 'pi', image: 'perl:5.34', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ],
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
};

function job(spec: JsonObject, metadata: JsonObject = { name: 'j' }): JsonObject {
  return defaulted(defaultJob, { metadata, spec: { template: TEMPLATE, ...spec } });
}

test('Job', () => {
  assert.deepEqual(job({}).spec, {
    template: DEFAULTED_TEMPLATE,
    completions: 1,
    parallelism: 1,
    backoffLimit: 6,
    completionMode: 'NonIndexed',
    suspend: false,
    podReplacementPolicy: 'TerminatingOrFailed',
    manualSelector: false,
  });
});

test('Job completions and parallelism default together only', () => {
  const parallel = job({ parallelism: 3 }).spec as JsonObject;
  assert.deepEqual([parallel.completions, parallel.parallelism], [undefined, 3]);
  const fixed = job({ completions: 5 }).spec as JsonObject;
  assert.deepEqual([fixed.completions, fixed.parallelism], [5, 1]);
});

test('Job backoff per index, pod failure policy', () => {
  const perIndex = job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }).spec as JsonObject;
  assert.equal(perIndex.backoffLimit, 2147483647);
  const failurePolicy = job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }).spec as JsonObject;
  assert.equal(failurePolicy.podReplacementPolicy, 'Failed');
  assert.deepEqual(failurePolicy.podFailurePolicy, { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] });
});

test('Job labels come from the template when the job has none', () => {
  const labelled = { ...TEMPLATE, metadata: { labels: { app: 'pi' } } };
  assert.deepEqual(job({ template: labelled }).metadata, { name: 'j', labels: { app: 'pi' } });
  assert.deepEqual(job({ template: labelled }, { name: 'j', labels: { own: 'yes' } }).metadata, { name: 'j', labels: { own: 'yes' } });
});

test('CronJob, whose job template gets pod defaults but not Job defaults', () => {
  const out = defaulted(defaultCronJob, {
    metadata: { name: 'c' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: TEMPLATE } } },
  });
  assert.deepEqual(out.spec, {
    schedule: '*/5 * * * *',
    jobTemplate: { spec: { template: DEFAULTED_TEMPLATE } },
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
  });
});
