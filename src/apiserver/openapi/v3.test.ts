import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { allResources, groups } from '../../api/catalogue.js';
import type { JsonSchema } from './schemas.js';
import { openapiV3Document, openapiV3Index } from './v3.js';

type Json = JsonSchema;

function document(path: string): Json {
  const found = openapiV3Document(path);
  assert.ok(found, `document ${path} exists`);
  return JSON.parse(found.body.toString()) as Json;
}

function schemas(doc: Json): Record<string, Json> {
  return (doc.components as Json).schemas as Record<string, Json>;
}

/** kubectl's check (cli-runtime's queryParamVerifierV3): the PATCH operation of the kind lists the query parameter. */
function patchTakes(doc: Json, gvk: { group: string; version: string; kind: string }, parameter: string): boolean | undefined {
  for (const item of Object.values(doc.paths as Record<string, Json>)) {
    const patch = item.patch as Json | undefined;
    const ext = patch?.['x-kubernetes-group-version-kind'] as Json | undefined;
    if (patch === undefined || ext?.group !== gvk.group || ext.version !== gvk.version || ext.kind !== gvk.kind) continue;
    return ((patch.parameters as Json[] | undefined) ?? []).some((p) => p.name === parameter && p.in === 'query');
  }
  return undefined;
}

/** Every `$ref` in a document. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('/openapi/v3 index', () => {
  test('one entry per group/version, group, and api, apis, version; URLs carry the document hash', () => {
    const index = openapiV3Index();
    const keys = Object.keys(index.paths);
    for (const group of groups()) {
      for (const version of group.versions) assert.ok(keys.includes(group.name === '' ? `api/${version}` : `apis/${group.name}/${version}`));
      if (group.name !== '') assert.ok(keys.includes(`apis/${group.name}`));
    }
    for (const key of ['api', 'apis', 'version']) assert.ok(keys.includes(key));
    assert.deepEqual(keys, [...keys].sort());
    const apps = index.paths['apis/apps/v1']?.serverRelativeURL ?? '';
    const match = /^\/openapi\/v3\/apis\/apps\/v1\?hash=([0-9A-F]{128})$/.exec(apps);
    assert.ok(match, apps);
    const body = openapiV3Document('apis/apps/v1')?.body ?? Buffer.alloc(0);
    assert.equal(match[1], createHash('sha512').update(body).digest('hex').toUpperCase());
    assert.match(openapiV3Index('/x/y').paths['api/v1']?.serverRelativeURL ?? '', /^\/x\/y\/api\/v1\?hash=/);
  });

  test('unknown documents are absent; slashes around the path do not matter', () => {
    assert.equal(openapiV3Document('apis/apps/v2'), undefined);
    assert.equal(openapiV3Document('apis/example.com/v1'), undefined);
    assert.equal(openapiV3Document('/apis/apps/v1/'), openapiV3Document('apis/apps/v1'));
  });
});

describe('/openapi/v3/apis/apps/v1', () => {
  const doc = document('apis/apps/v1');

  test('an OpenAPI 3.0 document with only apps/v1 paths', () => {
    assert.equal(doc.openapi, '3.0.0');
    for (const path of Object.keys(doc.paths as Json)) assert.ok(path.startsWith('/apis/apps/v1/'), path);
  });

  test('Deployment carries x-kubernetes-group-version-kind, which kubectl explain finds it by', () => {
    const deployment = schemas(doc)['io.k8s.api.apps.v1.Deployment'];
    assert.deepEqual(deployment?.['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    assert.deepEqual((deployment?.properties as Json).metadata, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  });

  test('the PATCH of deployments takes fieldValidation, by kubectl\'s own test', () => {
    assert.equal(patchTakes(doc, { group: 'apps', version: 'v1', kind: 'Deployment' }, 'fieldValidation'), true);
    const patch = (doc.paths as Record<string, Json>)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch as Json;
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
    assert.equal(patch['x-kubernetes-action'], 'patch');
    assert.ok((patch.parameters as Json[]).some((p) => JSON.stringify(p) === '{"name":"fieldValidation","in":"query","schema":{"type":"string","uniqueItems":true}}'));
    const body = patch.requestBody as Json;
    assert.equal(body.required, true);
    assert.deepEqual(Object.keys(body.content as Json), [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
      'application/apply-patch+cbor',
    ]);
    assert.deepEqual((body.content as Record<string, Json>)['application/merge-patch+json'], { schema: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
  });

  test('a reference with siblings is wrapped in allOf; list and patch metadata stay', () => {
    const spec = schemas(doc)['io.k8s.api.apps.v1.DeploymentSpec']?.properties as Record<string, Json>;
    assert.deepEqual(spec.strategy, { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' }], 'x-kubernetes-patch-strategy': 'retainKeys' });
    const containers = (schemas(doc)['io.k8s.api.core.v1.PodSpec']?.properties as Record<string, Json>).containers;
    assert.equal(containers?.['x-kubernetes-patch-merge-key'], 'name');
  });

  test('the scale subresource brings autoscaling/v1 Scale along', () => {
    assert.deepEqual(schemas(doc)['io.k8s.api.autoscaling.v1.Scale']?.['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
  });
});

describe('every v3 document', () => {
  test('every reference resolves inside the document, and every schema is used', () => {
    for (const key of Object.keys(openapiV3Index().paths)) {
      const doc = document(key);
      const names = Object.keys(schemas(doc));
      const referenced = new Set(refs(doc).map((r) => r.replace('#/components/schemas/', '')));
      for (const name of referenced) assert.ok(names.includes(name), `${key}: ${name} is referenced but not included`);
      for (const name of names) assert.ok(referenced.has(name), `${key}: ${name} is included but not used`);
    }
  });

  test('every patchable kind advertises fieldValidation on its PATCH', () => {
    for (const info of allResources()) {
      if (!info.verbs.includes('patch')) continue;
      const doc = document(info.group === '' ? `api/${info.version}` : `apis/${info.group}/${info.version}`);
      assert.equal(patchTakes(doc, info, 'fieldValidation'), true, `${info.group}/${info.version} ${info.kind}`);
    }
  });

  test('api/v1 describes pods, their eviction (policy/v1) and log', () => {
    const doc = document('api/v1');
    assert.ok(schemas(doc)['io.k8s.api.policy.v1.Eviction']);
    const log = (doc.paths as Record<string, Json>)['/api/v1/namespaces/{namespace}/pods/{name}/log']?.get as Json;
    assert.equal(log.operationId, 'readCoreV1NamespacedPodLog');
    assert.deepEqual(((log.responses as Json)['200'] as Json).content, {
      'text/plain': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'string' } },
      'application/yaml': { schema: { type: 'string' } },
    });
  });
});
