import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { coreValidators } from './index.js';
import { assertExactly, assertValid, defaulted, messages, pod } from './validation.testing.js';

const pvc = (spec: Record<string, unknown>, status?: Record<string, unknown>): ApiObject =>
  defaulted('persistentvolumeclaims', {
    metadata: { name: 'data', namespace: 'default', resourceVersion: '4' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
    ...(status === undefined ? {} : { status }),
  });

const pv = (spec: Record<string, unknown>): ApiObject =>
  defaulted('persistentvolumes', {
    metadata: { name: 'pv-1', resourceVersion: '4' },
    spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' }, hostPath: { path: '/data' }, ...spec },
  });

describe('PersistentVolumeClaim', () => {
  const { validate, validateUpdate } = coreValidators.persistentvolumeclaims!;

  test('access modes and a positive storage request', () => {
    assertValid(validate(pvc({})));
    assertExactly(validate(pvc({ accessModes: [] })), ['spec.accessModes: Required value: at least 1 access mode is required']);
    assertExactly(validate(pvc({ accessModes: ['ReadWriteAlways'] })), [
      'spec.accessModes: Unsupported value: "ReadWriteAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ]);
    assertExactly(validate(pvc({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] })), [
      'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
    ]);
    assertExactly(validate(pvc({ resources: { requests: {} } })), ['spec.resources[storage]: Required value']);
    assertExactly(validate(pvc({ resources: { requests: { storage: '0' } } })), ['spec.resources[storage]: Invalid value: "0": must be greater than zero']);
  });

  test('the spec is frozen except a larger request', () => {
    const old = pvc({ volumeName: 'pv-1' }, { phase: 'Bound', capacity: { storage: '1Gi' } });
    const bigger = pvc({ volumeName: 'pv-1', resources: { requests: { storage: '2Gi' } } }, { phase: 'Bound' });
    assertValid(validateUpdate(bigger, old));
    const changed = pvc({ volumeName: 'pv-1', accessModes: ['ReadWriteMany'] }, { phase: 'Bound' });
    const errs = messages(validateUpdate(changed, old));
    assert.equal(errs.length, 1);
    assert.ok(
      errs[0]!.startsWith('spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n'),
      errs[0],
    );
    const smaller = pvc({ volumeName: 'pv-1', resources: { requests: { storage: '512Mi' } } }, { phase: 'Bound' });
    assertExactly(validateUpdate(smaller, old), ['spec.resources.requests.storage: Forbidden: field can not be less than status.capacity']);
  });

  test('volumeName may be set once', () => {
    assertValid(validateUpdate(pvc({ volumeName: 'pv-1' }), pvc({})));
  });
});

describe('PersistentVolume', () => {
  const { validate, validateUpdate } = coreValidators.persistentvolumes!;

  test('capacity, one source, reclaim policy', () => {
    assertValid(validate(pv({})));
    assertExactly(validate(pv({ capacity: { storage: '10Gi', cpu: '1' } })), [
      'spec.capacity: Unsupported value: {"cpu":"1","storage":"10Gi"}: supported values: "storage"',
    ]);
    assertExactly(validate(pv({ nfs: { server: 'nfs', path: '/x' } })), ['spec.nfs: Forbidden: may not specify more than 1 volume type']);
    assertExactly(validate(pv({ hostPath: undefined, local: { path: '/mnt/disk' } })), [
      'spec.nodeAffinity: Required value: Local volume requires node affinity',
    ]);
    assertExactly(validate(pv({ persistentVolumeReclaimPolicy: 'Keep' })), [
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    ]);
  });

  test('the source is immutable', () => {
    const errs = messages(validateUpdate(pv({ hostPath: { path: '/other' } }), pv({})));
    assert.equal(errs.length, 1);
    assert.ok(errs[0]!.startsWith('spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n'), errs[0]);
  });
});

describe('volumes in pods that use claims', () => {
  test('an ephemeral volume validates its claim template', () => {
    const template = { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: {} } } };
    const errs = coreValidators.pods!.validate(pod({ volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: template } }] }));
    assertExactly(errs, ['spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Required value']);
  });
});
