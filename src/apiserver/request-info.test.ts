import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestInfo } from './request-info.js';

const parse = (method: string, url: string) => {
  const u = new URL(url, 'https://x');
  return parseRequestInfo(method, u.pathname, u.searchParams);
};

test('resource requests resolve group, version, namespace, resource, name and subresource', () => {
  assert.deepEqual(parse('GET', '/api/v1/namespaces/ns/pods/p/status'), {
    isResourceRequest: true, verb: 'get', group: '', version: 'v1', namespace: 'ns', resource: 'pods', name: 'p', subresource: 'status', subpath: '',
  });
  assert.deepEqual(parse('GET', '/apis/apps/v1/deployments'), {
    isResourceRequest: true, verb: 'list', group: 'apps', version: 'v1', namespace: '', resource: 'deployments', name: '', subresource: '', subpath: '',
  });
  assert.equal((parse('POST', '/api/v1/namespaces/ns/pods') as { verb: string }).verb, 'create');
  assert.equal((parse('PUT', '/api/v1/namespaces/ns/pods/p') as { verb: string }).verb, 'update');
  assert.equal((parse('PATCH', '/api/v1/namespaces/ns/pods/p') as { verb: string }).verb, 'patch');
  assert.equal((parse('DELETE', '/api/v1/namespaces/ns/pods/p') as { verb: string }).verb, 'delete');
  assert.equal((parse('DELETE', '/api/v1/namespaces/ns/pods') as { verb: string }).verb, 'deletecollection');
});

test('watch comes from ?watch=true or the deprecated /watch/ prefix', () => {
  assert.equal((parse('GET', '/api/v1/pods?watch=true') as { verb: string }).verb, 'watch');
  assert.equal((parse('GET', '/api/v1/pods?watch=1') as { verb: string }).verb, 'watch');
  const old = parse('GET', '/api/v1/watch/namespaces/ns/pods');
  assert.equal(old.isResourceRequest && old.verb, 'watch');
  assert.equal(old.isResourceRequest && old.namespace, 'ns');
});

test('a namespace, its status and finalize address the namespace itself', () => {
  const ns = parse('GET', '/api/v1/namespaces/foo');
  assert.ok(ns.isResourceRequest);
  assert.equal(ns.resource, 'namespaces');
  assert.equal(ns.name, 'foo');
  assert.equal(ns.namespace, '');
  const finalize = parse('PUT', '/api/v1/namespaces/foo/finalize');
  assert.ok(finalize.isResourceRequest);
  assert.deepEqual([finalize.resource, finalize.name, finalize.subresource], ['namespaces', 'foo', 'finalize']);
});

test('paths outside the resource tree are non-resource requests', () => {
  for (const path of ['/healthz', '/version', '/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/openapi/v2']) {
    assert.equal(parse('GET', path).isResourceRequest, false, path);
  }
});

test('what follows a subresource is its subpath (nodes/n1/proxy/metrics/resource)', () => {
  const proxied = parse('GET', '/api/v1/nodes/n1/proxy/metrics/resource') as { resource: string; name: string; subresource: string; subpath: string };
  assert.deepEqual([proxied.resource, proxied.name, proxied.subresource, proxied.subpath], ['nodes', 'n1', 'proxy', 'metrics/resource']);
});
