import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, podTemplate, stored, updateMessages } from '../validation.testing.js';
import { statefulSetValidator } from './stateful-set.js';

const BASE: ApiObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: podTemplate({ app: 'db' }),
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
};

function statefulSet(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('apps', 'statefulsets', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(statefulSetValidator, statefulSet(patch));

const FORBIDDEN_UPDATE =
  "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
  "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

describe('StatefulSet validation', () => {
  it('accepts a valid stateful set', () => {
    assert.deepEqual(check({}), []);
  });

  it('needs a DNS label as name and service name', () => {
    assert.deepEqual(check({ metadata: { name: 'db.v1' }, spec: { serviceName: 'db.svc' } }), [
      'metadata.name: Invalid value: "db.v1": must not contain dots',
      'spec.serviceName: Invalid value: "db.svc": must not contain dots',
    ]);
  });

  it('requires the selector to match the template labels', () => {
    assert.deepEqual(check({ spec: { template: { metadata: { labels: { app: 'b' } } } } }), [
      'spec.template.metadata.labels: Invalid value: {"app":"b"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(check({ spec: { selector: { matchLabels: null } } }), ['spec.selector: Invalid value: {}: empty selector is invalid for statefulset']);
  });

  it('checks podManagementPolicy', () => {
    assert.deepEqual(check({ spec: { podManagementPolicy: 'Random' } }), [
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    ]);
  });

  it('checks the update strategy', () => {
    assert.deepEqual(check({ spec: { updateStrategy: { type: 'Surge' } } }), [
      "spec.updateStrategy: Invalid value: {\"Type\":\"Surge\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'",
    ]);
    assert.deepEqual(check({ spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } } }), [
      "spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'",
    ]);
    assert.deepEqual(check({ spec: { updateStrategy: { rollingUpdate: { partition: -1, maxUnavailable: 0 } } } }), [
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0',
    ]);
  });

  it('checks the claim retention policy, replicas, minReadySeconds and ordinals', () => {
    assert.deepEqual(check({ spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' }, replicas: -1, minReadySeconds: -1, ordinals: { start: -1 } } }), [
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('requires long-running pods', () => {
    assert.deepEqual(check({ spec: { template: { spec: { restartPolicy: 'Never', activeDeadlineSeconds: 1 } } } }), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });

  it('allows updates of replicas, template, strategy and the other listed fields', () => {
    const old = stored(statefulSet());
    const update = patched(old, {
      spec: { replicas: 5, minReadySeconds: 3, revisionHistoryLimit: 2, updateStrategy: { type: 'OnDelete', rollingUpdate: null } },
    });
    assert.deepEqual(updateMessages(statefulSetValidator, update, old), []);
  });

  it('forbids updates of other spec fields', () => {
    const old = stored(statefulSet());
    assert.deepEqual(updateMessages(statefulSetValidator, patched(old, { spec: { serviceName: 'other' } }), old), [FORBIDDEN_UPDATE]);
    const claims = patched(old, { spec: { volumeClaimTemplates: [] } });
    assert.deepEqual(updateMessages(statefulSetValidator, claims, old), [FORBIDDEN_UPDATE]);
    const selector = patched(old, { spec: { selector: { matchLabels: { tier: 'a' } }, template: { metadata: { labels: { tier: 'a' } } } } });
    assert.deepEqual(updateMessages(statefulSetValidator, selector, old), [FORBIDDEN_UPDATE]);
  });

  it('keeps accepting a stored service name that is no DNS label', () => {
    const old = stored(statefulSet({ spec: { serviceName: 'db.svc' } }));
    assert.deepEqual(updateMessages(statefulSetValidator, patched(old, { spec: { replicas: 2 } }), old), []);
  });
});
