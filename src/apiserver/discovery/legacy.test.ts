import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allResources, findResource, type ResourceInfo } from '../../api/catalogue.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy.js';
import { storageVersionHash } from './storage-version-hash.js';
import type { APIResource, APIResourceList } from './types.js';

function list(group: string, version: string): APIResourceList {
  const found = apiResourceList(group, version);
  assert.ok(found, `${group}/${version} is served`);
  return found;
}

function entry(doc: APIResourceList, name: string): APIResource {
  const found = doc.resources.find((r) => r.name === name);
  assert.ok(found, `${doc.groupVersion} lists ${name}`);
  return found;
}

function resource(group: string, version: string, name: string): ResourceInfo {
  const found = findResource(group, version, name);
  assert.ok(found);
  return found;
}

describe('/api', () => {
  test('lists v1 and the address clients reach the server at; no apiVersion, like upstream', () => {
    assert.equal(
      JSON.stringify(apiVersions('10.0.0.1:6443')),
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}',
    );
  });
});

describe('/apis and /apis/<group>', () => {
  test('every named group in priority order, preferred version first; no core group', () => {
    const doc = apiGroupList();
    assert.equal(doc.kind, 'APIGroupList');
    assert.equal(doc.apiVersion, 'v1');
    const names = doc.groups.map((g) => g.name);
    assert.equal(names[0], 'apps');
    assert.ok(!names.includes(''));
    assert.ok(names.indexOf('apps') < names.indexOf('events.k8s.io') && names.indexOf('events.k8s.io') < names.indexOf('authentication.k8s.io'));
    const autoscaling = doc.groups.find((g) => g.name === 'autoscaling');
    assert.deepEqual(autoscaling, {
      name: 'autoscaling',
      versions: [
        { groupVersion: 'autoscaling/v2', version: 'v2' },
        { groupVersion: 'autoscaling/v1', version: 'v1' },
      ],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
  });

  test('one group, with kind and apiVersion first; unknown groups and the core group are absent', () => {
    assert.equal(
      JSON.stringify(apiGroup('apps')),
      '{"kind":"APIGroup","apiVersion":"v1","name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}',
    );
    assert.equal(apiGroup('example.com'), undefined);
    assert.equal(apiGroup(''), undefined);
  });
});

describe('/api/v1 and /apis/<group>/<version>', () => {
  test('core v1 has no apiVersion; named groups have apiVersion v1', () => {
    assert.deepEqual(Object.keys(list('', 'v1')), ['kind', 'groupVersion', 'resources']);
    assert.deepEqual(Object.keys(list('apps', 'v1')), ['kind', 'apiVersion', 'groupVersion', 'resources']);
    assert.equal(list('apps', 'v1').groupVersion, 'apps/v1');
    assert.equal(apiResourceList('apps', 'v2'), undefined);
    assert.equal(apiResourceList('', 'v2'), undefined);
  });

  test('pods and their subresources, field for field as kube-apiserver writes them', () => {
    const core = list('', 'v1');
    assert.equal(
      JSON.stringify(entry(core, 'pods')),
      '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
    );
    assert.equal(JSON.stringify(entry(core, 'pods/status')), '{"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod","verbs":["get","patch","update"]}');
    assert.equal(JSON.stringify(entry(core, 'pods/log')), '{"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}');
    assert.equal(
      JSON.stringify(entry(core, 'pods/eviction')),
      '{"name":"pods/eviction","singularName":"","namespaced":true,"group":"policy","version":"v1","kind":"Eviction","verbs":["create"]}',
    );
    assert.equal(JSON.stringify(entry(core, 'pods/exec')), '{"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]}');
  });

  test('deployments/scale names autoscaling/v1 Scale; deployments/status does not repeat the group', () => {
    const apps = list('apps', 'v1');
    assert.equal(
      JSON.stringify(entry(apps, 'deployments/scale')),
      '{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}',
    );
    assert.deepEqual(entry(apps, 'deployments/status'), { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] });
    assert.deepEqual(entry(apps, 'deployments').shortNames, ['deploy']);
  });

  test('entries are ordered by name, subresources right after their resource', () => {
    const names = list('', 'v1').resources.map((r) => r.name);
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(names.slice(names.indexOf('pods'), names.indexOf('podtemplates')), [
      'pods', 'pods/attach', 'pods/binding', 'pods/ephemeralcontainers', 'pods/eviction', 'pods/exec',
      'pods/log', 'pods/portforward', 'pods/proxy', 'pods/resize', 'pods/status',
    ]);
  });

  test('every served resource and subresource appears in its group/version', () => {
    for (const info of allResources()) {
      const doc = list(info.group, info.version);
      entry(doc, info.resource);
      for (const sub of info.subresources) entry(doc, `${info.resource}/${sub.name}`);
    }
  });

  test('empty short names and categories are left out', () => {
    const secrets = entry(list('', 'v1'), 'secrets');
    assert.equal('shortNames' in secrets, false);
    assert.equal('categories' in secrets, false);
  });
});

describe('storageVersionHash', () => {
  test('matches the values a real kube-apiserver publishes', () => {
    // Values recorded from kube-apiserver discovery (api/discovery/*.json upstream).
    const expected: [string, string, string, string][] = [
      ['', 'v1', 'pods', 'xPOwRZ+Yhw8='],
      ['', 'v1', 'configmaps', 'qFsyl6wFWjQ='],
      ['', 'v1', 'services', '0/CO1lhkEBI='],
      ['networking.k8s.io', 'v1', 'servicecidrs', 'gNLvruQhW2g='],
      ['storage.k8s.io', 'v1', 'volumeattributesclasses', 'tIjydgKBC5w='],
    ];
    for (const [group, version, name, hash] of expected) assert.equal(storageVersionHash(resource(group, version, name)), hash, name);
  });

  test('resources stored in another version hash that version: HPAs as autoscaling/v2, events.k8s.io Events as core Events', () => {
    assert.equal(storageVersionHash(resource('autoscaling', 'v1', 'horizontalpodautoscalers')), 'qwQve8ut294=');
    assert.equal(storageVersionHash(resource('autoscaling', 'v2', 'horizontalpodautoscalers')), 'qwQve8ut294=');
    assert.equal(storageVersionHash(resource('events.k8s.io', 'v1', 'events')), 'r2yiGXH7wu8=');
    assert.equal(entry(list('events.k8s.io', 'v1'), 'events').storageVersionHash, 'r2yiGXH7wu8=');
  });

  test('resources without storage of their own have none', () => {
    for (const [group, name] of [['', 'bindings'], ['', 'componentstatuses'], ['authentication.k8s.io', 'tokenreviews'], ['authorization.k8s.io', 'subjectaccessreviews']] as const) {
      assert.equal(storageVersionHash(resource(group, 'v1', name)), undefined, name);
    }
    assert.equal('storageVersionHash' in entry(list('', 'v1'), 'bindings'), false);
  });
});
