import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allResources } from '../catalogue.js';
import { appsValidators } from './apps/index.js';
import { coreValidators } from './core/index.js';
import { validatorFor } from './index.js';

const COVERED = [
  ['apps', 'statefulsets'], ['apps', 'daemonsets'], ['apps', 'replicasets'], ['apps', 'controllerrevisions'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['autoscaling', 'horizontalpodautoscalers'], ['policy', 'poddisruptionbudgets'],
  ['networking.k8s.io', 'ingresses'], ['networking.k8s.io', 'ingressclasses'], ['networking.k8s.io', 'networkpolicies'],
  ['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'clusterroles'],
  ['rbac.authorization.k8s.io', 'rolebindings'], ['rbac.authorization.k8s.io', 'clusterrolebindings'],
  ['coordination.k8s.io', 'leases'], ['scheduling.k8s.io', 'priorityclasses'], ['storage.k8s.io', 'storageclasses'],
  ['storage.k8s.io', 'csidrivers'], ['node.k8s.io', 'runtimeclasses'], ['certificates.k8s.io', 'certificatesigningrequests'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'], ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
];

describe('validatorFor', () => {
  it('finds the validators of every group this folder covers, and the core group\'s', () => {
    assert.equal(validatorFor('apps', 'deployments'), appsValidators.deployments);
    assert.equal(validatorFor('', 'pods'), coreValidators.pods);
    for (const [group = '', resource = ''] of COVERED) assert.notEqual(validatorFor(group, resource), undefined, `${group}/${resource}`);
  });

  it('has nothing for resources without per-kind validation', () => {
    assert.equal(validatorFor('apps', 'nosuchthings'), undefined);
    assert.equal(validatorFor('example.com', 'widgets'), undefined);
    assert.equal(validatorFor('apps', 'toString'), undefined);
  });

  it('only names resources the catalogue serves', () => {
    const served = new Set(allResources().map((r) => `${r.group}/${r.resource}`));
    for (const [group = '', resource = ''] of COVERED) assert.ok(served.has(`${group}/${resource}`), `${group}/${resource}`);
  });
});
