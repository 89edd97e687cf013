import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { runtimeClassValidator as validator } from './runtime-class.js';

const CLASS: ApiObject = {
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'gvisor' },
  handler: 'runsc',
  overhead: { podFixed: { cpu: '250m', memory: '64Mi' } },
  scheduling: { nodeSelector: { sandbox: 'true' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] },
};

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, patched(CLASS, patch));

describe('RuntimeClass validation', () => {
  it('accepts a valid class', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires a DNS label as handler', () => {
    assert.deepEqual(check({ handler: 'run.sc' }), ['handler: Invalid value: "run.sc": must not contain dots']);
  });

  it('checks overhead as container limits', () => {
    const errs = check({ overhead: { podFixed: { cpu: '-1' } } });
    assert.ok(errs.some((m) => m.startsWith('overhead.limits[cpu]: Invalid value: "-1"')), errs.join('\n'));
  });

  it('checks scheduling tolerations, with upstream\'s doubled path, and their uniqueness', () => {
    const t = { key: 'a', operator: 'Equal', value: 'x', effect: 'NoSchedule' };
    assert.deepEqual(check({ scheduling: { tolerations: [t, { ...t, tolerationSeconds: 5 }] } }), [
      "scheduling.tolerations.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
      'scheduling.tolerations[1]: Duplicate value: {"Key":"a","Operator":"Equal","Value":"x","Effect":"NoSchedule","TolerationSeconds":5}',
    ]);
  });

  it('keeps the handler immutable', () => {
    const old = stored(CLASS);
    assert.deepEqual(updateMessages(validator, patched(old, { scheduling: null }), old), []);
    assert.deepEqual(updateMessages(validator, patched(old, { handler: 'kata' }), old), ['handler: Invalid value: "kata": field is immutable']);
  });
});
