import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCustomResourceDefinition } from './apiextensions.js';
import { defaulted } from './defaults.testing.js';

test('CustomResourceDefinition: names, conversion, stored versions', () => {
  const versions = [
    { name: 'v1beta1', served: true, storage: false },
    { name: 'v1', served: true, storage: true },
  ];
  const out = defaulted(defaultCustomResourceDefinition, {
    spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions },
  });
  assert.deepEqual(out, {
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' },
      versions,
      conversion: { strategy: 'None' },
    },
    status: { storedVersions: ['v1'] },
  });
});

test('CustomResourceDefinition: a conversion webhook service listens on 443', () => {
  const out = defaulted(defaultCustomResourceDefinition, {
    spec: {
      names: { kind: 'Widget', singular: 'gadget' },
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { namespace: 'n', name: 's' } } } },
    },
    status: { storedVersions: ['v1alpha1'] },
  });
  assert.deepEqual(out, {
    spec: {
      names: { kind: 'Widget', singular: 'gadget', listKind: 'WidgetList' },
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { namespace: 'n', name: 's', port: 443 } } } },
    },
    status: { storedVersions: ['v1alpha1'] },
  });
});
