// The envelope, and encode → decode of every fully populated upstream object of a served
// kind (../shared/k8s/testdata): each comes back as it went in, minus the fields the 1.36
// schema does not have (the testdata is newer; the table holds only the schema's fields).
// Nulls are left out of that comparison: where the newer testdata lacks a 1.36 field
// without omitempty, the decoder writes null for it, as a 1.36 Go server would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { typeNameOf } from '../catalogue.js';
import { pruneUnknownFields } from '../schema/index.js';
import { hasCustomDecoder } from './custom-decode.js';
import { hasCustomEncoder } from './custom-encode.js';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf, ProtobufDecodeError, UnregisteredKindError } from './index.js';
import { customMessages } from './messages.js';
import { ProtoWriter } from './wire-writer.js';

const TESTDATA = path.resolve(import.meta.dirname, '../../../../shared/k8s/testdata');

/** A deep copy without null-valued keys. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item)]));
}

function envelope(write: (w: ProtoWriter) => void): Uint8Array {
  const writer = new ProtoWriter();
  write(writer);
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...writer.finish()]);
}

function typeMeta(apiVersion: string, kind: string): (w: ProtoWriter) => void {
  return (t) => {
    t.string(1, apiVersion);
    t.string(2, kind);
  };
}

test('the envelope: magic bytes, runtime.Unknown, the object from raw, kind and apiVersion first', () => {
  const body = envelope((w) => {
    w.message(1, typeMeta('v1', 'Namespace'));
    w.message(2, (ns) => ns.message(1, (meta) => meta.string(1, 'team-a')));
    w.string(3, '');
    w.string(4, '');
  });
  const decoded = decodeKubernetesProtobuf(body);
  assert.deepEqual(decoded, {
    apiVersion: 'v1',
    kind: 'Namespace',
    object: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'team-a' }, spec: {}, status: {} },
  });
  assert.deepEqual(Object.keys(decoded.object).slice(0, 2), ['kind', 'apiVersion']);
});

test('malformed envelopes are ProtobufDecodeErrors with upstream messages', () => {
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(), /empty data/],
    [new TextEncoder().encode('{"kind":"Pod"}'), /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/],
    [Uint8Array.of(0x6b, 0x38, 0x73, 0x00), /empty body/],
    [envelope((w) => w.message(1, typeMeta('v1', ''))), /Kind' is missing/],
    [envelope((w) => [w.message(1, typeMeta('v1', 'Pod')), w.string(3, 'gzip')]), /unsupported content encoding "gzip"/],
    [envelope((w) => [w.message(1, typeMeta('v1', 'Pod')), w.bytes(2, Uint8Array.of(0x0a, 0x09))]), /unexpected end of data/],
  ];
  for (const [body, message] of cases) {
    assert.throws(() => decodeKubernetesProtobuf(body), (error: unknown) => error instanceof ProtobufDecodeError && message.test(error.message));
  }
});

test('a kind the catalogue does not serve is an UnregisteredKindError', () => {
  for (const [apiVersion, kind] of [['v1', 'Widget'], ['apps/v1beta1', 'Deployment'], ['example.com/v1', 'Thing']] as const) {
    const body = envelope((w) => w.message(1, typeMeta(apiVersion, kind)));
    assert.throws(() => decodeKubernetesProtobuf(body), (error: unknown) => {
      assert.ok(error instanceof UnregisteredKindError);
      assert.equal(error.message, `no kind "${kind}" is registered for version "${apiVersion}"`);
      return true;
    });
  }
});

test('every message that writes its own JSON has a decoder and an encoder', () => {
  assert.ok(customMessages().length >= 10);
  for (const name of customMessages()) {
    assert.ok(hasCustomDecoder(name), `decoder for ${name}`);
    assert.ok(hasCustomEncoder(name), `encoder for ${name}`);
  }
});

test('every upstream testdata object of a served kind survives encode → decode', () => {
  let checked = 0;
  for (const file of readdirSync(TESTDATA).filter((f) => f.endsWith('.json')).sort()) {
    const [, group = '', version = '', kind = ''] = /^(.*)\.(v[^.]+)\.([^.]+)\.json$/.exec(file) ?? [];
    const typeName = typeNameOf(group === 'core' ? '' : group, version, kind);
    if (typeName === undefined) continue;
    const object = JSON.parse(readFileSync(path.join(TESTDATA, file), 'utf8')) as Record<string, unknown>;
    if (kind === 'WatchEvent') continue; // not an object of its own: never a request body
    const expected = structuredClone(object);
    pruneUnknownFields(expected, typeName, [], false);
    const body = encodeKubernetesProtobuf(object);
    const decoded = decodeKubernetesProtobuf(body).object;
    assert.deepEqual(withoutNulls(decoded), withoutNulls(expected), file);
    assert.deepEqual(encodeKubernetesProtobuf(decoded), body, `${file}: encoding is stable`);
    checked++;
  }
  assert.ok(checked >= 60, `checked ${checked} files`);
});
