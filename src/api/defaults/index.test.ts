import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allResources } from '../catalogue.js';
import type { ApiObject } from '../strategy.js';
import { defaultsFor } from './index.js';

const TESTDATA = join(import.meta.dirname, '../../../../shared/k8s/testdata');

/** Every served resource that has defaults upstream. */
const WITH_DEFAULTS = [
  '/endpoints', '/limitranges', '/namespaces', '/nodes', '/persistentvolumeclaims', '/persistentvolumes', '/pods',
  '/podtemplates', '/replicationcontrollers', '/resourcequotas', '/secrets', '/services',
  'admissionregistration.k8s.io/mutatingadmissionpolicies', 'admissionregistration.k8s.io/mutatingadmissionpolicybindings',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations', 'admissionregistration.k8s.io/validatingadmissionpolicies',
  'admissionregistration.k8s.io/validatingadmissionpolicybindings', 'admissionregistration.k8s.io/validatingwebhookconfigurations',
  'apiextensions.k8s.io/customresourcedefinitions',
  'apps/daemonsets', 'apps/deployments', 'apps/replicasets', 'apps/statefulsets',
  'autoscaling/horizontalpodautoscalers',
  'batch/cronjobs', 'batch/jobs',
  'discovery.k8s.io/endpointslices',
  'flowcontrol.apiserver.k8s.io/flowschemas', 'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
  'networking.k8s.io/ingressclasses', 'networking.k8s.io/networkpolicies',
  'rbac.authorization.k8s.io/clusterrolebindings', 'rbac.authorization.k8s.io/rolebindings',
  'scheduling.k8s.io/priorityclasses',
  'storage.k8s.io/csidrivers', 'storage.k8s.io/storageclasses', 'storage.k8s.io/volumeattachments',
];

test('exactly the served resources with upstream defaults have a defaulter', () => {
  const served = new Set(allResources().map((r) => `${r.group}/${r.resource}`));
  const withDefaulter = [...served].filter((key) => {
    const [group = '', resource = ''] = key.split('/');
    return defaultsFor(group, resource) !== undefined;
  });
  assert.deepEqual(withDefaulter.sort(), [...WITH_DEFAULTS].sort());
  assert.equal(defaultsFor('', 'configmaps'), undefined);
  assert.equal(defaultsFor('example.com', 'widgets'), undefined);
});

test('defaulting the fully populated upstream objects is idempotent', () => {
  let checked = 0;
  for (const r of allResources()) {
    const defaulter = defaultsFor(r.group, r.resource);
    const file = join(TESTDATA, `${r.group || 'core'}.${r.version}.${r.kind}.json`);
    if (defaulter === undefined || !existsSync(file)) continue;
    const once = JSON.parse(readFileSync(file, 'utf8')) as ApiObject;
    defaulter(once);
    const twice = structuredClone(once);
    defaulter(twice);
    assert.deepEqual(twice, once, `${r.group}/${r.version} ${r.kind}`);
    checked++;
  }
  assert.ok(checked >= WITH_DEFAULTS.length, `checked ${checked} kinds`);
});
