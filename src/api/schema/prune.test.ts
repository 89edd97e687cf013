import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from '../../machinery/errors.js';
import { decodeJSONStrict } from './decode-strict.js';
import { checkFieldValidation, pruneUnknownFields } from './prune.js';
import { compileSchema } from './schema-node.js';

const POD = 'io.k8s.api.core.v1.Pod';
const CRD = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition';

function pod(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, ...extra };
}

test('unknown fields in nested lists and structs are removed and named as upstream names them', () => {
  const obj = pod(
    {
      containers: [
        { name: 'a', image: 'i', foo: 1 },
        { name: 'b', ports: [{ containerPort: 80, bar: true }], resources: { limits: { cpu: '1' }, baz: {} } },
      ],
      Containers: [], // case matters, as in Go's case-sensitive decoding
    },
    { extra: 'x' },
  );
  const errors = pruneUnknownFields(obj, POD);
  assert.deepEqual(errors, [
    'unknown field "spec.containers[0].foo"',
    'unknown field "spec.containers[1].ports[0].bar"',
    'unknown field "spec.containers[1].resources.baz"',
    'unknown field "spec.Containers"',
    'unknown field "extra"',
  ]);
  assert.deepEqual(
    obj,
    pod({ containers: [{ name: 'a', image: 'i' }, { name: 'b', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] }),
  );
});

test('map entries are kept; unknown fields inside map values of a struct type are not', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'x', labels: { anything: 'goes', 'a.b/c': 'd' } },
    spec: {
      versions: [
        {
          name: 'v1',
          schema: { openAPIV3Schema: { type: 'object', properties: { 'my.field': { type: 'string', bogus: 1 } } } },
          subresources: { status: { nothing: 'allowed' } },
        },
      ],
    },
  };
  const errors = pruneUnknownFields(crd, CRD);
  assert.deepEqual(errors, [
    'unknown field "spec.versions[0].schema.openAPIV3Schema.properties.my.field.bogus"',
    // CustomResourceSubresourceStatus is a Go struct without fields, not raw JSON.
    'unknown field "spec.versions[0].subresources.status.nothing"',
  ]);
  assert.deepEqual(crd.metadata.labels, { anything: 'goes', 'a.b/c': 'd' });
  assert.deepEqual(crd.spec.versions[0]!.subresources.status, {});
});

test('raw JSON (RawExtension, FieldsV1, apiextensions JSON) is kept whole', () => {
  const revision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: 'r', managedFields: [{ manager: 'm', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:x': {} } } }] },
    data: { anything: { at: ['all'] } },
    revision: 1,
  };
  const copy = structuredClone(revision);
  assert.deepEqual(pruneUnknownFields(revision, 'io.k8s.api.apps.v1.ControllerRevision'), []);
  assert.deepEqual(revision, copy);
});

test('x-kubernetes-preserve-unknown-fields keeps unknown fields; an embedded resource knows its type and metadata', () => {
  const node = compileSchema({
    type: 'object',
    properties: {
      open: { type: 'object', preserveUnknownFields: true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
      embedded: { type: 'object', embeddedResource: true, properties: { spec: { type: 'object', properties: {} } } },
    },
  });
  const obj = {
    open: { anything: 1, known: { a: 'x', b: 'dropped' } },
    embedded: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, spec: {}, other: 1 },
  };
  assert.deepEqual(pruneUnknownFields(obj, node), ['unknown field "open.known.b"', 'unknown field "embedded.other"']);
  assert.deepEqual(obj, { open: { anything: 1, known: { a: 'x' } }, embedded: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, spec: {} } });
});

test('duplicates count where Go’s decoder looks, interleaved with unknown fields in document order', () => {
  const text =
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"1","a":"2"}},' +
    '"spec":{"foo":1,"containers":[{"name":"c","name":"d","bar":{"x":1,"x":2}}],"foo":2},' +
    '"status":{"phase":"x"},"status":{"phase":"y"}}';
  const { value, duplicates } = decodeJSONStrict(text);
  const errors = pruneUnknownFields(value as Record<string, unknown>, POD, duplicates);
  assert.deepEqual(errors, [
    'duplicate field "metadata.labels.a"',
    // A duplicated unknown field is one unknown field, reported where it first occurs.
    'unknown field "spec.foo"',
    'duplicate field "spec.containers[0].name"',
    // Inside an unknown field Go does not look for duplicates.
    'unknown field "spec.containers[0].bar"',
    'duplicate field "status"',
  ]);
});

test('inside raw JSON a duplicate is not reported', () => {
  const { value, duplicates } = decodeJSONStrict('{"apiVersion":"apps/v1","kind":"ControllerRevision","data":{"a":1,"a":2},"revision":1}');
  assert.deepEqual(duplicates, ['data.a']);
  assert.deepEqual(pruneUnknownFields(value as Record<string, unknown>, 'io.k8s.api.apps.v1.ControllerRevision', duplicates), []);
});

test('at most 100 strict errors, as Go records', () => {
  const spec: Record<string, unknown> = { containers: [] };
  for (let i = 0; i < 150; i++) spec[`x${i}`] = i;
  const obj = pod(spec);
  const errors = pruneUnknownFields(obj, POD);
  assert.equal(errors.length, 100);
  assert.equal(errors[99], 'unknown field "spec.x99"');
  assert.deepEqual(Object.keys(obj.spec as object), ['containers']);
});

test('paths that need it are quoted as Go’s strconv.Quote does', () => {
  const obj = pod({ containers: [], 'we"ird\n': 1, 'é': 2 });
  assert.deepEqual(pruneUnknownFields(obj, POD), ['unknown field "spec.we\\"ird\\n"', 'unknown field "spec.é"']);
});

test('fieldValidation=Strict: 400 naming the kind, version and every strict error', () => {
  const obj = pod({ containers: [], foo: 1, bar: 2 });
  assert.throws(
    () => checkFieldValidation(obj, POD, 'Strict'),
    (e: unknown) =>
      e instanceof APIError &&
      e.code === 400 &&
      e.reason === 'BadRequest' &&
      e.message === 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"',
  );
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1, oops: true } };
  assert.throws(() => checkFieldValidation(deployment, 'io.k8s.api.apps.v1.Deployment', 'Strict'), {
    message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.oops"',
  });
});

test('fieldValidation=Warn (the default): the fields are dropped, one warning each', () => {
  const { value, duplicates } = decodeJSONStrict('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","name":"q"},"spec":{"containers":[],"foo":1}}');
  const obj = value as Record<string, unknown>;
  const { warnings } = checkFieldValidation(obj, POD, 'Warn', duplicates);
  assert.deepEqual(warnings, ['duplicate field "metadata.name"', 'unknown field "spec.foo"']);
  assert.deepEqual(obj, pod({ containers: [] }, { metadata: { name: 'q' } }));
});

test('fieldValidation=Ignore: the fields are dropped silently', () => {
  const obj = pod({ containers: [], foo: 1 });
  assert.deepEqual(checkFieldValidation(obj, POD, 'Ignore', ['metadata.name'], ['line 3: key "name" already set in map']), { warnings: [] });
  assert.deepEqual(obj, pod({ containers: [] }));
});

test('YAML duplicates come first, as one go-yaml error in Strict and one warning per line in Warn', () => {
  const yamlDuplicates = ['line 4: key "name" already set in map', 'line 9: key "image" already set in map'];
  const strict = pod({ containers: [], foo: 1 });
  assert.throws(() => checkFieldValidation(strict, POD, 'Strict', [], yamlDuplicates), {
    message:
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: yaml: unmarshal errors:\n' +
      '  line 4: key "name" already set in map\n  line 9: key "image" already set in map, unknown field "spec.foo"',
  });
  const warn = pod({ containers: [], foo: 1 });
  assert.deepEqual(checkFieldValidation(warn, POD, 'Warn', [], yamlDuplicates).warnings, [...yamlDuplicates, 'unknown field "spec.foo"']);
});

test('a clean body passes Strict with no warnings and unchanged', () => {
  const obj = pod({ containers: [{ name: 'c', image: 'nginx' }] });
  const copy = structuredClone(obj);
  assert.deepEqual(checkFieldValidation(obj, POD, 'Strict'), { warnings: [] });
  assert.deepEqual(obj, copy);
});
