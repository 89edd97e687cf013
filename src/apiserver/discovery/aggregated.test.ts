import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allResources, groups } from '../../api/catalogue.js';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, aggregatedDiscovery } from './aggregated.js';
import type { APIGroupDiscoveryList, APIResourceDiscovery } from './types.js';

function parsed(root: 'api' | 'apis'): APIGroupDiscoveryList {
  return JSON.parse(aggregatedDiscovery(root).body) as APIGroupDiscoveryList;
}

function find(doc: APIGroupDiscoveryList, group: string, version: string, resource: string): APIResourceDiscovery {
  const item = doc.items.find((i) => (i.metadata.name ?? '') === group);
  const found = item?.versions.find((v) => v.version === version)?.resources.find((r) => r.resource === resource);
  assert.ok(found, `${group}/${version}/${resource} is listed`);
  return found;
}

describe('aggregated discovery', () => {
  test('the Content-Type client-go recognises', () => {
    assert.equal(AGGREGATED_DISCOVERY_CONTENT_TYPE, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  });

  test('/api holds the core group only, with empty metadata; /apis every other group in priority order', () => {
    const api = parsed('api');
    assert.equal(api.kind, 'APIGroupDiscoveryList');
    assert.equal(api.apiVersion, 'apidiscovery.k8s.io/v2');
    assert.deepEqual(api.metadata, {});
    assert.equal(api.items.length, 1);
    assert.deepEqual(api.items[0]?.metadata, {});
    assert.deepEqual(api.items[0]?.versions.map((v) => [v.version, v.freshness]), [['v1', 'Current']]);
    const apis = parsed('apis');
    assert.deepEqual(
      apis.items.map((i) => i.metadata.name),
      groups().filter((g) => g.name !== '').map((g) => g.name),
    );
    const autoscaling = apis.items.find((i) => i.metadata.name === 'autoscaling');
    assert.deepEqual(autoscaling?.versions.map((v) => v.version), ['v2', 'v1']);
  });

  test('pods: kind only in responseKind, scope, singular, short names, categories, subresources', () => {
    const pods = find(parsed('api'), '', 'v1', 'pods');
    assert.deepEqual(Object.keys(pods), ['resource', 'responseKind', 'scope', 'singularResource', 'verbs', 'shortNames', 'categories', 'subresources']);
    assert.deepEqual(pods.responseKind, { group: '', version: '', kind: 'Pod' });
    assert.equal(pods.scope, 'Namespaced');
    assert.equal(pods.singularResource, 'pod');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.deepEqual(pods.categories, ['all']);
    const status = pods.subresources?.find((s) => s.subresource === 'status');
    assert.equal(JSON.stringify(status), '{"subresource":"status","responseKind":{"group":"","version":"","kind":"Pod"},"verbs":["get","patch","update"]}');
    const eviction = pods.subresources?.find((s) => s.subresource === 'eviction');
    assert.deepEqual(eviction?.responseKind, { group: 'policy', version: 'v1', kind: 'Eviction' });
  });

  test('deployments/scale answers with autoscaling/v1 Scale; nodes are cluster-scoped', () => {
    const apis = parsed('apis');
    const deployments = find(apis, 'apps', 'v1', 'deployments');
    assert.deepEqual(deployments.subresources, [
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
    assert.equal(find(parsed('api'), '', 'v1', 'nodes').scope, 'Cluster');
  });

  test('resources without short names, categories or subresources leave the fields out', () => {
    const secrets = find(parsed('api'), '', 'v1', 'secrets');
    assert.deepEqual(Object.keys(secrets), ['resource', 'responseKind', 'scope', 'singularResource', 'verbs']);
  });

  test('every catalogue resource appears once, with every subresource', () => {
    const docs = { api: parsed('api'), apis: parsed('apis') };
    let count = 0;
    for (const doc of Object.values(docs)) for (const item of doc.items) for (const v of item.versions) count += v.resources.length;
    assert.equal(count, allResources().length);
    for (const info of allResources()) {
      const found = find(info.group === '' ? docs.api : docs.apis, info.group, info.version, info.resource);
      assert.equal(found.responseKind.kind, info.kind);
      assert.deepEqual(found.verbs, info.verbs);
      assert.deepEqual((found.subresources ?? []).map((s) => s.subresource), info.subresources.map((s) => s.name));
    }
  });

  test('the ETag is the quoted upper-case SHA-512 of the body, the same on every call', () => {
    const first = aggregatedDiscovery('apis');
    assert.match(first.etag, /^"[0-9A-F]{128}"$/);
    assert.equal(aggregatedDiscovery('apis'), first);
    assert.notEqual(aggregatedDiscovery('api').etag, first.etag);
  });
});
