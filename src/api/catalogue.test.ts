import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import {
  allResources,
  findByKind,
  findResource,
  groups,
  resolve,
  resourcesOf,
  schema,
  typeNameOf,
  typeNames,
  type ResourceInfo,
  type TypeSchema,
} from './catalogue.js';
import { namedResources } from './names.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const generatedFile = path.join(here, 'generated', 'catalogue.ts');

function mustFind(group: string, version: string, resource: string): ResourceInfo {
  const info = findResource(group, version, resource);
  assert.ok(info, `${group}/${version}/${resource} is served`);
  return info;
}

function mustSchema(typeName: string): TypeSchema {
  const found = schema(typeName);
  assert.ok(found, `type ${typeName} is in the catalogue`);
  return found;
}

function property(typeName: string, name: string): TypeSchema {
  const found = mustSchema(typeName).properties?.[name];
  assert.ok(found, `${typeName} has property ${name}`);
  return found;
}

function subresource(info: ResourceInfo, name: string) {
  const found = info.subresources.find((s) => s.name === name);
  assert.ok(found, `${info.resource}/${name} exists`);
  return found;
}

describe('resources', () => {
  test('pods: namespaced, with their subresources, short name po, in category all', () => {
    const pods = mustFind('', 'v1', 'pods');
    assert.equal(pods.namespaced, true);
    assert.equal(pods.kind, 'Pod');
    assert.equal(pods.listKind, 'PodList');
    assert.equal(pods.singular, 'pod');
    assert.equal(pods.typeName, 'io.k8s.api.core.v1.Pod');
    assert.deepEqual(pods.verbs, ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    assert.deepEqual(pods.shortNames, ['po']);
    assert.deepEqual(pods.categories, ['all']);
    for (const name of ['status', 'binding', 'eviction', 'log', 'ephemeralcontainers', 'resize', 'exec', 'attach', 'portforward', 'proxy']) {
      subresource(pods, name);
    }
    assert.deepEqual(subresource(pods, 'status'), { name: 'status', group: '', version: 'v1', kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    assert.deepEqual(subresource(pods, 'eviction'), { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    assert.deepEqual(subresource(pods, 'binding'), { name: 'binding', group: '', version: 'v1', kind: 'Binding', verbs: ['create'] });
    assert.deepEqual(subresource(pods, 'log').verbs, ['get']);
    // Connect subresources list the verbs of their HTTP methods; HEAD and OPTIONS are not verbs.
    assert.deepEqual(subresource(pods, 'exec').verbs, ['create', 'get']);
    assert.deepEqual(subresource(pods, 'proxy').verbs, ['create', 'delete', 'get', 'patch', 'update']);
  });

  test('deployments have scale (autoscaling/v1 Scale) and status', () => {
    const deployments = mustFind('apps', 'v1', 'deployments');
    assert.deepEqual(subresource(deployments, 'scale'), { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    assert.equal(subresource(deployments, 'status').kind, 'Deployment');
    assert.deepEqual(deployments.shortNames, ['deploy']);
    assert.equal(typeNameOf('autoscaling', 'v1', 'Scale'), 'io.k8s.api.autoscaling.v1.Scale');
  });

  test('serviceaccounts/token is an authentication.k8s.io/v1 TokenRequest', () => {
    const token = subresource(mustFind('', 'v1', 'serviceaccounts'), 'token');
    assert.deepEqual(token, { name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] });
    assert.equal(typeNameOf(token.group, token.version, token.kind), 'io.k8s.api.authentication.v1.TokenRequest');
  });

  test('nodes and namespaces are cluster-scoped; namespaces have finalize and no deletecollection', () => {
    assert.equal(mustFind('', 'v1', 'nodes').namespaced, false);
    const namespaces = mustFind('', 'v1', 'namespaces');
    assert.equal(namespaces.namespaced, false);
    assert.ok(!namespaces.verbs.includes('deletecollection'));
    assert.deepEqual(subresource(namespaces, 'finalize').verbs, ['update']);
  });

  test('review resources and bindings are create-only and cannot be listed', () => {
    for (const [group, resource] of [
      ['authentication.k8s.io', 'tokenreviews'],
      ['authentication.k8s.io', 'selfsubjectreviews'],
      ['authorization.k8s.io', 'selfsubjectaccessreviews'],
      ['authorization.k8s.io', 'subjectaccessreviews'],
      ['', 'bindings'],
    ] as const) {
      const info = mustFind(group, 'v1', resource);
      assert.deepEqual(info.verbs, ['create'], resource);
      assert.equal(info.listKind, '', resource);
    }
    assert.equal(mustFind('authorization.k8s.io', 'v1', 'localsubjectaccessreviews').namespaced, true);
  });

  test('horizontalpodautoscalers are served in autoscaling v1 and v2', () => {
    const v1 = mustFind('autoscaling', 'v1', 'horizontalpodautoscalers');
    const v2 = mustFind('autoscaling', 'v2', 'horizontalpodautoscalers');
    assert.equal(v1.typeName, 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler');
    assert.equal(v2.typeName, 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler');
    assert.deepEqual(v2.shortNames, ['hpa']);
    assert.deepEqual(v1.shortNames, ['hpa']);
  });

  test('events are served in core v1 and events.k8s.io/v1, each with its own type', () => {
    assert.equal(mustFind('', 'v1', 'events').typeName, 'io.k8s.api.core.v1.Event');
    assert.equal(mustFind('events.k8s.io', 'v1', 'events').typeName, 'io.k8s.api.events.v1.Event');
    assert.deepEqual(mustFind('events.k8s.io', 'v1', 'events').shortNames, ['ev']);
  });

  test('singular names are the lower-cased kind', () => {
    for (const r of allResources()) assert.equal(r.singular, r.kind.toLowerCase(), r.resource);
  });

  test('lookups by kind and unknown names', () => {
    assert.equal(findByKind('apps', 'v1', 'Deployment')?.resource, 'deployments');
    assert.equal(findByKind('', 'v1', 'Deployment'), undefined);
    assert.equal(findResource('apps', 'v1beta1', 'deployments'), undefined);
    assert.deepEqual(resourcesOf('resource.k8s.io', 'v1'), []);
    const names = resourcesOf('apps', 'v1').map((r) => r.resource);
    assert.deepEqual(names, [...names].sort());
  });

  test('every short name and category entry names a served resource', () => {
    const served = new Set(allResources().map((r) => (r.group === '' ? r.resource : `${r.resource}.${r.group}`)));
    for (const name of namedResources()) assert.ok(served.has(name), `${name} is served`);
    const crd = mustFind('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    assert.deepEqual(crd.shortNames, ['crd', 'crds']);
    assert.deepEqual(crd.categories, ['api-extensions']);
    const all = allResources().filter((r) => r.categories.includes('all')).map((r) => `${r.group}/${r.version}/${r.resource}`);
    assert.deepEqual(all.sort(), [
      '/v1/pods',
      '/v1/replicationcontrollers',
      '/v1/services',
      'apps/v1/daemonsets',
      'apps/v1/deployments',
      'apps/v1/replicasets',
      'apps/v1/statefulsets',
      'autoscaling/v1/horizontalpodautoscalers',
      'autoscaling/v2/horizontalpodautoscalers',
      'batch/v1/cronjobs',
      'batch/v1/jobs',
    ]);
  });
});

describe('groups', () => {
  test('core first, then upstream discovery order; autoscaling prefers v2', () => {
    assert.deepEqual(
      groups().map((g) => g.name),
      [
        '',
        'apps',
        'events.k8s.io',
        'authentication.k8s.io',
        'authorization.k8s.io',
        'autoscaling',
        'batch',
        'certificates.k8s.io',
        'networking.k8s.io',
        'policy',
        'rbac.authorization.k8s.io',
        'storage.k8s.io',
        'admissionregistration.k8s.io',
        'apiextensions.k8s.io',
        'scheduling.k8s.io',
        'coordination.k8s.io',
        'node.k8s.io',
        'discovery.k8s.io',
        'flowcontrol.apiserver.k8s.io',
      ],
    );
    assert.deepEqual(
      groups().find((g) => g.name === 'autoscaling'),
      { name: 'autoscaling', preferredVersion: 'v2', versions: ['v2', 'v1'] },
    );
  });

  test('every served group/version has resources, and every resource is in a served group/version', () => {
    const served = new Set(groups().flatMap((g) => g.versions.map((v) => `${g.name}/${v}`)));
    for (const gv of served) {
      const [group = '', version = ''] = gv.split('/');
      assert.ok(resourcesOf(group, version).length > 0, gv);
    }
    for (const r of allResources()) assert.ok(served.has(`${r.group}/${r.version}`), `${r.group}/${r.version}`);
  });
});

describe('schemas', () => {
  test('pod containers: a list map keyed by name, merged by name', () => {
    const containers = property('io.k8s.api.core.v1.PodSpec', 'containers');
    assert.equal(containers.type, 'array');
    assert.equal(containers.listType, 'map');
    assert.deepEqual(containers.listMapKeys, ['name']);
    assert.equal(containers.patchStrategy, 'merge');
    assert.equal(containers.patchMergeKey, 'name');
    assert.equal(containers.items?.ref, 'io.k8s.api.core.v1.Container');
    assert.deepEqual(mustSchema('io.k8s.api.core.v1.Container').required, ['name']);
  });

  test('container ports: merged by containerPort, keyed by containerPort and protocol', () => {
    const ports = property('io.k8s.api.core.v1.Container', 'ports');
    assert.equal(ports.patchMergeKey, 'containerPort');
    assert.deepEqual(ports.listMapKeys, ['containerPort', 'protocol']);
  });

  test('a service port targetPort is an int-or-string', () => {
    const targetPort = resolve(property('io.k8s.api.core.v1.ServicePort', 'targetPort'));
    assert.equal(targetPort.intOrString, true);
    assert.equal(targetPort.type, 'string');
    assert.equal(targetPort.format, 'int-or-string');
  });

  test('Time is a date-time string; Quantity a string type', () => {
    assert.equal(resolve(property('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp')).format, 'date-time');
    assert.equal(mustSchema('io.k8s.apimachinery.pkg.api.resource.Quantity').type, 'string');
    const limits = property('io.k8s.api.core.v1.ResourceRequirements', 'limits');
    assert.equal(typeof limits.additionalProperties === 'object' && limits.additionalProperties.ref, 'io.k8s.apimachinery.pkg.api.resource.Quantity');
  });

  test('resolve keeps what is written beside a ref', () => {
    const strategy = resolve(property('io.k8s.api.apps.v1.DeploymentSpec', 'strategy'));
    assert.equal(strategy.patchStrategy, 'retainKeys');
    assert.ok(strategy.properties?.['rollingUpdate']);
    assert.equal(strategy.ref, undefined);
  });

  test('top-level types carry their served kinds only', () => {
    assert.deepEqual(mustSchema('io.k8s.api.core.v1.Pod').gvk, [{ group: '', version: 'v1', kind: 'Pod' }]);
    const deleteOptions = mustSchema('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions').gvk ?? [];
    assert.ok(deleteOptions.some((k) => k.group === 'apps' && k.version === 'v1'));
    assert.ok(deleteOptions.every((k) => groups().some((g) => g.name === k.group && g.versions.includes(k.version))));
    assert.equal(typeNameOf('', 'v1', 'Status'), 'io.k8s.apimachinery.pkg.apis.meta.v1.Status');
    for (const meta of ['WatchEvent', 'APIResourceList', 'ObjectMeta', 'ListMeta', 'Status']) {
      mustSchema(`io.k8s.apimachinery.pkg.apis.meta.v1.${meta}`);
    }
  });

  test('unions keep their discriminator', () => {
    assert.deepEqual(mustSchema('io.k8s.api.core.v1.SeccompProfile').unions, [
      { discriminator: 'type', fieldsToDiscriminateBy: { localhostProfile: 'LocalhostProfile' } },
    ]);
  });

  test('every served kind, list kind and subresource kind resolves fully: no dangling refs', () => {
    const seen = new Set<string>();
    const visit = (typeName: string): void => {
      if (seen.has(typeName)) return;
      seen.add(typeName);
      const walk = (s: TypeSchema): void => {
        if (s.ref !== undefined) visit(s.ref);
        for (const p of Object.values(s.properties ?? {})) walk(p);
        if (s.items) walk(s.items);
        if (typeof s.additionalProperties === 'object') walk(s.additionalProperties);
      };
      walk(mustSchema(typeName));
    };
    for (const r of allResources()) {
      visit(r.typeName);
      if (r.listKind !== '') visit(typeNameOf(r.group, r.version, r.listKind) ?? `missing ${r.listKind}`);
      for (const s of r.subresources) {
        const name = typeNameOf(s.group, s.version, s.kind);
        if (name !== undefined) visit(name);
        else assert.match(s.kind, /Options$/, `${r.resource}/${s.name} kind ${s.kind} has a type`);
      }
    }
    for (const name of typeNames()) visit(name);
    assert.ok(seen.size > 400);
  });

  test('no descriptions: only catalogue keywords, and no prose in the generated file', () => {
    const allowed = new Set([
      'type', 'format', 'ref', 'properties', 'items', 'additionalProperties', 'required', 'enum', 'default', 'intOrString',
      'preserveUnknownFields', 'embeddedResource', 'listType', 'listMapKeys', 'mapType', 'patchStrategy', 'patchMergeKey', 'unions', 'gvk',
    ]);
    const check = (s: TypeSchema, where: string): void => {
      for (const key of Object.keys(s)) assert.ok(allowed.has(key), `${where} has keyword ${key}`);
      for (const [name, p] of Object.entries(s.properties ?? {})) check(p, `${where}.${name}`);
      if (s.items) check(s.items, `${where}[]`);
      if (typeof s.additionalProperties === 'object') check(s.additionalProperties, `${where}{}`);
    };
    for (const name of typeNames()) check(mustSchema(name), name);
    const text = readFileSync(generatedFile, 'utf8');
    assert.ok(!text.includes('More info'));
    assert.ok(!text.includes('https://'));
    assert.ok(!text.includes('"description": "'));
  });
});

describe('generator', () => {
  const run = promisify(execFile);
  const script = path.join(repoRoot, 'scripts', 'generate-catalogue.ts');
  const generate = (...args: string[]) => run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot });
  const missingInput = path.join(tmpdir(), 'kubets-no-such-openapi.json');
  const failsOnMissingInput = (error: { code?: number; stderr?: string }) => {
    assert.equal(error.code, 2);
    assert.ok(error.stderr?.includes(missingInput), error.stderr);
    assert.match(error.stderr ?? '', /KUBETS_OPENAPI/);
    return true;
  };

  test('the committed module is marked as generated and says how to regenerate it', () => {
    const head = readFileSync(generatedFile, 'utf8').split('\n').slice(0, 4).join('\n');
    assert.match(head, /Code generated by scripts\/generate-catalogue\.ts\. DO NOT EDIT\./);
    assert.match(head, /node --import tsx scripts\/generate-catalogue\.ts/);
  });

  test('--check passes on the committed output, fails on a modified copy; a rerun is byte-identical', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubets-catalogue-'));
    try {
      const copy = path.join(dir, 'catalogue.ts');
      copyFileSync(generatedFile, copy);
      const ok = await generate('--check', '--out', copy);
      assert.match(ok.stdout, /is up to date/);

      writeFileSync(copy, readFileSync(copy, 'utf8').replace('"resource": "pods"', '"resource": "podz"'));
      await assert.rejects(generate('--check', '--out', copy), (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr ?? '', /differs from a fresh run/);
        assert.match(error.stderr ?? '', /node --import tsx scripts\/generate-catalogue\.ts/);
        return true;
      });

      const fresh = path.join(dir, 'fresh.ts');
      await generate('--out', fresh);
      assert.equal(readFileSync(fresh, 'utf8'), readFileSync(generatedFile, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the input comes from --openapi or KUBETS_OPENAPI; a missing one is reported', async () => {
    await assert.rejects(generate('--check', '--openapi', missingInput), failsOnMissingInput);
    const env = { ...process.env, KUBETS_OPENAPI: missingInput };
    await assert.rejects(run(process.execPath, ['--import', 'tsx', script, '--check'], { cwd: repoRoot, env }), failsOnMissingInput);
  });
});
