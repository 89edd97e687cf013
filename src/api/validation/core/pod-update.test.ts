import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { coreValidators } from './index.js';
import { UPDATABLE_POD_SPEC_FIELDS } from './pod-update.js';
import { assertExactly, assertValid, messages, pod } from './validation.testing.js';

const { validateUpdate, validateStatusUpdate } = coreValidators.pods!;
const stored = (): ApiObject => pod({}, { resourceVersion: '7', uid: 'u-1', creationTimestamp: '2025-01-01T00:00:00Z' });

function edit(change: (spec: Record<string, unknown> & { containers: Array<Record<string, unknown>>; tolerations: unknown[] }) => void): ApiObject {
  const next = stored();
  change(next.spec as never);
  return next;
}

const FORBIDDEN_PREFIX = `spec: Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n`;

describe('pod update', () => {
  test('an unchanged pod and a new image are accepted', () => {
    assertValid(validateUpdate(stored(), stored()));
    assertValid(validateUpdate(edit((s) => (s.containers[0]!.image = 'nginx:1.28')), stored()));
  });

  test("changing a container's name is refused with upstream's message", () => {
    const errs = validateUpdate(edit((s) => (s.containers[0]!.name = 'other')), stored());
    assert.equal(errs.length, 1);
    assert.equal(
      FORBIDDEN_PREFIX,
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
        '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
        '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    );
    assert.ok(errs[0]!.message.startsWith(FORBIDDEN_PREFIX), errs[0]!.message);
    assert.equal(errs[0]!.reason, 'FieldValueForbidden');
    assert.match(errs[0]!.message, /- containers\[0\]\.name: "app"\n\+ containers\[0\]\.name: "other"/);
  });

  test('containers may not be added or removed', () => {
    const errs = validateUpdate(edit((s) => s.containers.push({ ...s.containers[0], name: 'b' })), stored());
    assert.ok(messages(errs).includes('spec.containers: Forbidden: pod updates may not add or remove containers'));
  });

  test('activeDeadlineSeconds may be set, then only lowered', () => {
    const withDeadline = (n: number): ApiObject => edit((s) => (s.activeDeadlineSeconds = n));
    assertValid(validateUpdate(withDeadline(60), stored()));
    assertExactly(validateUpdate(withDeadline(120), withDeadline(60)), [
      'spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value',
    ]);
    assertExactly(validateUpdate(stored(), withDeadline(60)), ['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']);
  });

  test('tolerations may be added, not removed', () => {
    const extra = { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' };
    assertValid(validateUpdate(edit((s) => s.tolerations.push(extra)), stored()));
    const errs = validateUpdate(edit((s) => (s.tolerations = [])), stored());
    assert.ok(messages(errs).includes('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'));
  });

  test('metadata: the name is immutable and a resourceVersion required', () => {
    const renamed = stored();
    renamed.metadata.name = 'web2';
    assert.ok(messages(validateUpdate(renamed, stored())).includes('metadata.name: Invalid value: "web2": field is immutable'));
    const noVersion = stored();
    delete noVersion.metadata.resourceVersion;
    assert.ok(messages(validateUpdate(noVersion, stored())).includes('metadata.resourceVersion: Invalid value: "": must be specified for an update'));
  });

  test('status updates: node name fixed, terminated containers stay terminated', () => {
    const running = { name: 'app', state: { running: {} } };
    const terminated = { name: 'app', state: { terminated: { exitCode: 0 } } };
    const withStatus = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): ApiObject => {
      const p = pod({ restartPolicy: 'Never', ...spec }, { resourceVersion: '7' });
      p.status = status;
      return p;
    };
    assertValid(validateStatusUpdate!(withStatus({ containerStatuses: [terminated] }), withStatus({ containerStatuses: [running] })));
    assertExactly(validateStatusUpdate!(withStatus({ containerStatuses: [running] }), withStatus({ containerStatuses: [terminated] })), [
      'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    ]);
    assertExactly(validateStatusUpdate!(withStatus({}, { nodeName: 'n1' }), withStatus({})), ['status.nodeName: Forbidden: may not be changed directly']);
    assertExactly(validateStatusUpdate!(withStatus({ podIPs: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }), withStatus({})), [
      'status.podIPs: Invalid value: [{"IP":"10.0.0.1"},{"IP":"10.0.0.2"}]: may specify no more than one IP for each IP family',
    ]);
  });
});
