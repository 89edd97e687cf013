import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { validatePodEphemeralContainersUpdate as validate } from './pod-ephemeral-containers.js';
import { assertExactly, assertValid, defaulted, messages, pod } from './validation.testing.js';

const META = { resourceVersion: '7', uid: 'u-1', creationTimestamp: '2025-01-01T00:00:00Z' };
const debug = (name: string, image = 'busybox') => ({ name, image, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });

function withEphemeral(containers: unknown[], meta: Record<string, unknown> = {}): ApiObject {
  return defaulted('pods', { ...pod({}, { ...META, ...meta }), spec: { ...(pod().spec as object), ephemeralContainers: containers } });
}

describe('pods/ephemeralcontainers updates', () => {
  test('adding an ephemeral container is accepted', () => {
    assertValid(validate(withEphemeral([debug('dbg')]), pod({}, META)));
    assertValid(validate(withEphemeral([debug('dbg'), debug('dbg2')]), withEphemeral([debug('dbg')])));
  });

  test('in any order: containers are matched by name', () => {
    assertValid(validate(withEphemeral([debug('b'), debug('a')]), withEphemeral([debug('a'), debug('b')])));
  });

  test('an existing one may not be removed', () => {
    assertExactly(validate(withEphemeral([]), withEphemeral([debug('dbg')])), ['spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be removed\n']);
  });

  test('an existing one may not be changed', () => {
    const errs = validate(withEphemeral([debug('dbg', 'alpine')]), withEphemeral([debug('dbg')]));
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.reason, 'FieldValueForbidden');
    assert.ok(errs[0]!.message.startsWith('spec.ephemeralContainers[dbg]: Forbidden: existing ephemeral containers "dbg" may not be changed\n'), errs[0]!.message);
    assert.match(errs[0]!.message, /- image: "busybox"\n\+ image: "alpine"/);
  });

  test('a new one is validated as upstream validates ephemeral containers', () => {
    const errs = validate(withEphemeral([{ ...debug('dbg'), ports: [{ containerPort: 80 }] }, debug('app')]), pod({}, META));
    assert.deepEqual(messages(errs).filter((m) => m.includes('ephemeralContainers')).map((m) => m.split(':').slice(0, 2).join(':')), [
      'spec.ephemeralContainers[0].ports: Forbidden',
      'spec.ephemeralContainers[1].name: Duplicate value',
    ]);
  });

  // Upstream's empty root path prints as `[]`.
  test('static pods take none', () => {
    const mirror = { annotations: { 'kubernetes.io/config.mirror': 'x' } };
    const old = defaulted('pods', { ...pod({ nodeName: 'n1' }, { ...META, ...mirror }) });
    const next = defaulted('pods', { ...old, spec: { ...(old.spec as object), ephemeralContainers: [debug('dbg')] } });
    assertExactly(validate(next, old), ['[]: Forbidden: static pods do not support ephemeral containers']);
  });
});
