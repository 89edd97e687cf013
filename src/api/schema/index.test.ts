import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APIError } from '../../machinery/errors.js';
import { findByKind, typeNameOf } from '../catalogue.js';
import { decodeJSONStrict, decodeYAMLStrict, prepareBody, validateStructure } from './index.js';

const SHARED = join(import.meta.dirname, '../../../../shared/k8s');
const POD = 'io.k8s.api.core.v1.Pod';

test('prepareBody: Warn drops unknown fields with a warning each, and returns the decoded object', () => {
  const text = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","name":"q"},"spec":{"nodeName":null,"foo":1,"overhead":{"cpu":"1000m"}}}';
  const decoded = decodeJSONStrict(text);
  const { object, warnings } = prepareBody(decoded.value as Record<string, unknown>, POD, { fieldValidation: 'Warn', ...decoded });
  assert.deepEqual(warnings, ['duplicate field "metadata.name"', 'unknown field "spec.foo"']);
  assert.deepEqual(object, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { overhead: { cpu: '1' } } });
});

test('prepareBody: Strict refuses unknown and duplicate fields with upstream’s 400', () => {
  const decoded = decodeJSONStrict('{"apiVersion":"v1","kind":"Pod","kind":"Pod","spec":{"containers":[{"name":"c","foo":1}]}}');
  assert.throws(
    () => prepareBody(decoded.value as Record<string, unknown>, POD, { fieldValidation: 'Strict', ...decoded }),
    (e: unknown) =>
      e instanceof APIError &&
      e.code === 400 &&
      e.message === 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: duplicate field "kind", unknown field "spec.containers[0].foo"',
  );
});

test('prepareBody: a decode error outranks strict errors, and Ignore does not silence it', () => {
  for (const fieldValidation of ['Strict', 'Warn', 'Ignore'] as const) {
    const obj = { apiVersion: 'v1', kind: 'Pod', spec: { foo: 1, hostNetwork: 'yes' } };
    assert.throws(() => prepareBody(obj, POD, { fieldValidation }), {
      message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool',
    });
  }
});

test('prepareBody: a YAML body with duplicate keys, Strict and Warn', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  bogus: 1\n';
  const strict = decodeYAMLStrict(text);
  assert.throws(() => prepareBody(strict.value as Record<string, unknown>, POD, { fieldValidation: 'Strict', ...strict }), {
    message:
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: yaml: unmarshal errors:\n  line 5: key "name" already set in map, unknown field "spec.bogus"',
  });
  const warn = decodeYAMLStrict(text);
  const { object, warnings } = prepareBody(warn.value as Record<string, unknown>, POD, { fieldValidation: 'Warn', ...warn });
  assert.deepEqual(warnings, ['line 5: key "name" already set in map', 'unknown field "spec.bogus"']);
  assert.deepEqual(object, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: {} });
});

interface Definition {
  $ref?: string;
  properties?: Record<string, Definition>;
  items?: Definition;
  additionalProperties?: Definition;
}

/**
 * Whether the upstream OpenAPI document itself (not the catalogue) lacks the field at this
 * strict path below `typeName`, every step before it being there.
 */
function absentUpstream(definitions: Record<string, Definition>, typeName: string, path: string): boolean {
  const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let at: Definition | undefined = { $ref: `#/definitions/${typeName}` };
  for (let i = 0; i < steps.length; i++) {
    while (at?.$ref !== undefined) at = definitions[at.$ref.replace('#/definitions/', '')];
    const step = steps[i]!;
    if (step.startsWith('[')) at = at?.items;
    else if (i === steps.length - 1) return at?.properties !== undefined && !(step in at.properties);
    else at = at?.properties?.[step] ?? at?.additionalProperties;
    if (at === undefined) return false;
  }
  return false;
}

function deletePath(obj: unknown, path: string): void {
  const steps = (path.match(/[^.[\]]+|\[\d+\]/g) ?? []).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));
  let at = obj as Record<string | number, unknown>;
  for (const step of steps.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  delete at[steps[steps.length - 1]!];
}

test('every testdata object of a served kind keeps every field the 1.36 schema has, and passes', () => {
  const openapi = JSON.parse(readFileSync(join(SHARED, 'openapi-v2.json'), 'utf8')) as { definitions: Record<string, Definition> };
  let served = 0;
  for (const file of readdirSync(join(SHARED, 'testdata')).filter((f) => f.endsWith('.json'))) {
    const [, group = '', version = '', kind = ''] = /^(.*)\.(v[^.]+)\.([^.]+)\.json$/.exec(file) ?? [];
    const g = group === 'core' ? '' : group;
    const typeName = typeNameOf(g, version, kind);
    if (typeName === undefined || findByKind(g, version, kind) === undefined) continue;
    served++;
    const text = readFileSync(join(SHARED, 'testdata', file), 'utf8');
    const decoded = decodeJSONStrict(text);
    const { object, warnings } = prepareBody(decoded.value as Record<string, unknown>, typeName, { fieldValidation: 'Warn', ...decoded });
    // The testdata is newer than the 1.36 OpenAPI document: a few fields it sets do not
    // exist there. Only those may go, and nothing else may change.
    const expected = JSON.parse(text) as Record<string, unknown>;
    for (const warning of warnings) {
      const [, path = ''] = /^unknown field "(.*)"$/.exec(warning) ?? [];
      assert.ok(absentUpstream(openapi.definitions, typeName, path), `${file}: ${warning}`);
      deletePath(expected, path);
    }
    assert.deepEqual(object, expected, file);
    assert.deepEqual(validateStructure(object, typeName), [], file);
  }
  assert.ok(served >= 60, `served testdata files: ${served}`);
});

test('core.v1.Pod testdata, every field set: only fields newer than the schema are unknown', () => {
  const text = readFileSync(join(SHARED, 'testdata/core.v1.Pod.json'), 'utf8');
  const decoded = decodeJSONStrict(text);
  const { warnings } = prepareBody(decoded.value as Record<string, unknown>, POD, { fieldValidation: 'Warn', ...decoded });
  const names = new Set(warnings.map((w) => /([^.["]+)"$/.exec(w)?.[1]));
  assert.deepEqual(
    [...names].sort(),
    ['bindMountOptions', 'defaultUser', 'evictionResponders', 'mapping', 'mode', 'overhead', 'protocol', 'user', 'volumeHealth'],
  );
});
