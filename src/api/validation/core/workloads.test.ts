import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { root } from '../../../machinery/field-errors.js';
import type { ApiObject } from '../../strategy.js';
import { coreValidators, validateEventStrict, validatePodTemplateSpec } from './index.js';
import { assertExactly, assertHas, assertValid, defaulted, messages } from './validation.testing.js';

const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}): Record<string, unknown> => ({
  metadata: { labels },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});

const rc = (spec: Record<string, unknown>): ApiObject =>
  defaulted('replicationcontrollers', { metadata: { name: 'web', namespace: 'default', resourceVersion: '1' }, spec });

describe('pod templates in other kinds', () => {
  const defaultedTemplate = (t: Record<string, unknown>): Record<string, unknown> =>
    (defaulted('podtemplates', { metadata: { name: 'x', namespace: 'default' }, template: t }).template as Record<string, unknown>);

  test('validatePodTemplateSpec reports under the given path; labels without metadata', () => {
    assertValid(validatePodTemplateSpec(defaultedTemplate(template()), root('spec', 'template')));
    const errs = validatePodTemplateSpec(defaultedTemplate(template({ 'bad key!': 'x' }, { containers: [] })), root('spec', 'template'));
    assertHas(errs, 'spec.template.spec.containers: Required value');
    assert.ok(messages(errs).some((m) => m.startsWith('spec.template.labels: Invalid value: "bad key!": ')));
  });

  test('ephemeral containers are not allowed in templates', () => {
    const t = defaultedTemplate(template({}, { ephemeralContainers: [{ name: 'd', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }] }));
    assertHas(validatePodTemplateSpec(t, root('template')), 'template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template');
  });

  test('PodTemplate objects', () => {
    const { validate } = coreValidators.podtemplates!;
    assertValid(validate(defaulted('podtemplates', { metadata: { name: 't', namespace: 'default' }, template: template() })));
    assertHas(validate(defaulted('podtemplates', { metadata: { name: 't', namespace: 'default' }, template: template({}, { containers: [] }) })), 'template.spec.containers: Required value');
  });
});

describe('ReplicationController', () => {
  const { validate, validateStatusUpdate } = coreValidators.replicationcontrollers!;

  test('a selector that selects the template, pods that always restart', () => {
    assertValid(validate(rc({ replicas: 2, selector: { app: 'web' }, template: template() })));
    assertExactly(validate(rc({ selector: { app: 'db' }, template: template() })), [
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
    assertExactly(validate(rc({ selector: { app: 'web' }, template: template({ app: 'web' }, { restartPolicy: 'OnFailure' }) })), [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    assertExactly(validate(rc({ replicas: -1, selector: { app: 'web' }, template: template() })), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  test('status counts are consistent', () => {
    const withStatus = (status: Record<string, unknown>): ApiObject => ({ ...rc({ selector: { app: 'web' }, template: template() }), status });
    assertExactly(validateStatusUpdate!(withStatus({ replicas: 1, readyReplicas: 2, availableReplicas: 0 }), withStatus({})), [
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});

describe('Event (core/v1)', () => {
  const { validate } = coreValidators.events!;
  const event = (extra: Record<string, unknown>, namespace = 'default'): ApiObject =>
    defaulted('events', { metadata: { name: 'e.1', namespace }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, ...extra });

  test('the namespace matches the involved object', () => {
    assertValid(validate(event({ reason: 'Started', message: 'ok' })));
    assertExactly(validate(event({}, 'other')), ['involvedObject.namespace: Invalid value: "default": does not match event.namespace']);
  });

  test('new-style events name their reporter, action and reason', () => {
    assertExactly(validate(event({ eventTime: '2025-01-01T00:00:00.000000Z' })), [
      'reportingController: Required value',
      'reportingController: Invalid value: "": name part must be non-empty',
      "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
  });

  test('events.k8s.io rules are available for that group', () => {
    assertHas(validateEventStrict(event({ reason: 'Started' })), 'eventTime: Required value');
  });
});
