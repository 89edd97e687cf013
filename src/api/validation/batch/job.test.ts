import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, podTemplate, stored, updateMessages } from '../validation.testing.js';
import { generateJobSelector } from './job-selector.js';
import { jobValidator } from './job.js';

const UID = '0a4c3bcb-6c2f-4c4e-9a1e-2f3b2c1d0e9f';

const BASE: ApiObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: UID },
  spec: { template: podTemplate({}, 'Never') },
};

/** A Job as upstream validates a new one: decoded, defaulted, its selector generated. */
function job(patch: Record<string, unknown> = {}): ApiObject {
  const obj = defaulted('batch', 'jobs', patched(BASE, patch));
  generateJobSelector(obj);
  return obj;
}

const check = (patch: Record<string, unknown>): string[] => createMessages(jobValidator, job(patch));

/** The update a client sends: the stored Job changed by a merge patch, then defaulted as the server does. */
const update = (old: ApiObject, patch: Record<string, unknown>): ApiObject => defaulted('batch', 'jobs', patched(old, patch));

describe('Job validation', () => {
  it('accepts a valid job with a generated selector', () => {
    const obj = job();
    assert.deepEqual(obj.spec, {
      ...(obj.spec as object),
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
    });
    assert.deepEqual(createMessages(jobValidator, obj), []);
  });

  it('requires pods that run to completion', () => {
    assert.deepEqual(check({ spec: { template: { spec: { restartPolicy: 'Always' } } } }), [
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('requires non-negative counts', () => {
    assert.deepEqual(check({ spec: { parallelism: -1, completions: -1, activeDeadlineSeconds: -1, backoffLimit: -1, ttlSecondsAfterFinished: -1 } }), [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
      'spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('applies the Indexed completion mode rules', () => {
    assert.deepEqual(check({ spec: { completionMode: 'Indexed', parallelism: 2 } }), ['spec.completions: Required value: when completion mode is Indexed']);
    assert.deepEqual(check({ spec: { completionMode: 'Indexed', completions: 3, maxFailedIndexes: 4 } }), [
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified',
      'spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions',
    ]);
    assert.deepEqual(check({ spec: { backoffLimitPerIndex: 1 } }), ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']);
    assert.deepEqual(check({ spec: { completionMode: 'Sometimes' } }), [
      'spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"',
    ]);
  });

  it('needs room for the index in the pod names of an Indexed Job', () => {
    const name = 'a'.repeat(62);
    assert.deepEqual(check({ metadata: { name }, spec: { completionMode: 'Indexed', completions: 10, parallelism: 1 } }), [
      `metadata.name: Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-9`,
    ]);
  });

  it('validates the pod failure policy', () => {
    assert.deepEqual(check({ spec: { podFailurePolicy: { rules: [{ action: '' }] } } }), [
      'spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    ]);
    const exitCodes = { action: 'FailJob', onExitCodes: { containerName: 'nope', operator: 'In', values: [0, 2, 1, 2] } };
    assert.deepEqual(check({ spec: { podFailurePolicy: { rules: [exitCodes] } } }), [
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[3]: Duplicate value: 2',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0,2,1,2]: must be ordered',
    ]);
    const conditions = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] };
    assert.deepEqual(check({ spec: { podFailurePolicy: { rules: [conditions] } } }), [
      'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    ]);
    assert.deepEqual(check({ spec: { podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } } }), [
      'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
    ]);
  });

  it('allows only Never restarts with a pod failure policy', () => {
    const policy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [0] } }] };
    assert.deepEqual(check({ spec: { podFailurePolicy: policy, template: { spec: { restartPolicy: 'OnFailure' } } } }), [
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it('validates the success policy', () => {
    assert.deepEqual(check({ spec: { successPolicy: { rules: [{ succeededIndexes: '0' }] } } }), [
      'spec.successPolicy: Invalid value: {"Rules":[{"SucceededIndexes":"0","SucceededCount":null}]}: requires indexed completion mode',
    ]);
    const rules = [{ succeededIndexes: '0-2,1', succeededCount: 7 }, {}];
    assert.deepEqual(check({ spec: { completionMode: 'Indexed', completions: 5, parallelism: 5, successPolicy: { rules } } }), [
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-2,1": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 7: must be less than or equal to 5 (the number of specified completions)',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 7: must be less than or equal to 0 (the number of indexes in the specified succeededIndexes field)',
      'spec.successPolicy.rules[1]: Required value: at least one of succeededCount or succeededIndexes must be specified',
    ]);
  });

  it('validates managedBy and podReplacementPolicy', () => {
    assert.deepEqual(check({ spec: { managedBy: 'foo', podReplacementPolicy: 'Never' } }), [
      'spec.managedBy: Invalid value: "foo": must be a domain-prefixed path (such as "acme.io/foo")',
      'spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"',
    ]);
  });

  it('refuses generated labels the user overrode', () => {
    assert.deepEqual(check({ spec: { template: { metadata: { labels: { 'controller-uid': 'other' } } } } }), [
      `spec.template.metadata.labels[controller-uid]: Invalid value: {"batch.kubernetes.io/controller-uid":"${UID}","batch.kubernetes.io/job-name":"pi","controller-uid":"other","job-name":"pi"}: ${UID}`,
    ]);
  });

  it('requires a manual selector to match the template', () => {
    assert.deepEqual(check({ spec: { manualSelector: true, selector: { matchLabels: { app: 'x' } } } }), [
      'spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`',
    ]);
  });

  it('keeps the template, selector and completions of a running job', () => {
    const old = stored(job());
    assert.deepEqual(updateMessages(jobValidator, update(old, { spec: { parallelism: 3, suspend: true } }), old), []);
    const image = updateMessages(jobValidator, update(old, { spec: { template: { spec: { containers: [{ name: 'app', image: 'busybox' }] } } } }), old);
    assert.equal(image.length, 1);
    assert.match(image[0] ?? '', /^spec\.template: Invalid value: \{.*\}: field is immutable$/);
    assert.deepEqual(updateMessages(jobValidator, update(old, { spec: { completions: 3 } }), old), [
      'spec.completions: Invalid value: 3: field is immutable',
    ]);
  });

  it('lets a suspended job that never ran change its scheduling directives only', () => {
    const old = stored(job({ spec: { suspend: true } }));
    const directives = { spec: { template: { metadata: { labels: { extra: 'y' } }, spec: { nodeSelector: { disk: 'ssd' }, tolerations: [{ operator: 'Exists' }] } } } };
    assert.deepEqual(updateMessages(jobValidator, update(old, directives), old), []);
    const image = updateMessages(jobValidator, update(old, { spec: { template: { spec: { containers: [{ name: 'app', image: 'busybox' }] } } } }), old);
    assert.equal(image.length, 1);
    const started = patched(old, { status: { startTime: '2026-01-01T00:00:00Z' } });
    assert.equal(updateMessages(jobValidator, update(started, directives), started).length, 1);
  });

  it('changes Indexed completions only together with parallelism', () => {
    const old = stored(job({ spec: { completionMode: 'Indexed', completions: 3, parallelism: 3 } }));
    assert.deepEqual(updateMessages(jobValidator, update(old, { spec: { completions: 4, parallelism: 4 } }), old), []);
    assert.deepEqual(updateMessages(jobValidator, update(old, { spec: { completions: 4 } }), old), [
      'spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism',
    ]);
  });
});
