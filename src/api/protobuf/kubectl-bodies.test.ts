// Request bodies the real kubectl sent (captured by scripts/capture-kubectl-protobuf.ts
// into testdata/kubectl): each decodes to the object kubectl prints for the same command
// with `--dry-run=client -o json`, which is the JSON it would send, and encodes back to
// the same bytes.
//
// kubectl 1.32 prints `creationTimestamp: null`; the 1.36 types this decoder follows tag
// that field omitzero, so a zero timestamp is left out. Both mean the same to a server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE } from './index.js';

interface Fixture {
  readonly command: readonly string[];
  readonly requests: readonly { method: string; path: string; contentType: string; bodyBase64: string }[];
  readonly dryRunObject?: unknown;
}

const DIR = path.join(import.meta.dirname, 'testdata', 'kubectl');

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Fixture;
}

/** The body of the fixture's only protobuf request. */
function body(name: string): Buffer {
  const { requests } = fixture(name);
  assert.equal(requests.length, 1, `${name}: one protobuf request`);
  assert.equal(requests[0]!.contentType, PROTOBUF_MEDIA_TYPE);
  return Buffer.from(requests[0]!.bodyBase64, 'base64');
}

/** A copy without `creationTimestamp: null` anywhere. */
function withoutNullTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullTimestamps);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'creationTimestamp' && item === null) continue;
    out[key] = withoutNullTimestamps(item);
  }
  return out;
}

const withDryRun = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .filter((name) => fixture(name).dryRunObject !== undefined)
  .sort();

test('the fixtures cover the kubectl create commands', () => {
  for (const name of ['configmap', 'secret-generic', 'deployment', 'namespace', 'service-clusterip', 'job', 'cronjob', 'quota', 'role', 'rolebinding', 'priorityclass', 'poddisruptionbudget', 'ingress', 'serviceaccount']) {
    assert.ok(withDryRun.includes(name), name);
  }
});

for (const name of withDryRun) {
  test(`kubectl ${fixture(name).command.slice(1, 3).join(' ')} (${name}): decodes to kubectl's JSON and encodes back to its bytes`, () => {
    const bytes = body(name);
    const { apiVersion, kind, object } = decodeKubernetesProtobuf(bytes);
    const expected = withoutNullTimestamps(fixture(name).dryRunObject) as Record<string, unknown>;
    assert.deepEqual([apiVersion, kind], [expected.apiVersion, expected.kind]);
    assert.deepEqual(object, expected);
    assert.deepEqual(Buffer.from(encodeKubernetesProtobuf(object)), bytes);
  });
}

test('kubectl create deployment --replicas=0: the zero pointer is kept; zero-valued omitempty fields are not', () => {
  const { object } = decodeKubernetesProtobuf(body('deployment-zero'));
  const spec = object.spec as Record<string, unknown>;
  assert.equal(spec.replicas, 0);
  assert.deepEqual(spec.strategy, {});
  assert.equal('minReadySeconds' in spec, false);
  assert.equal('paused' in spec, false);
});

test('kubectl auth can-i: a SelfSubjectAccessReview, status written by Go even when zero', () => {
  assert.deepEqual(decodeKubernetesProtobuf(body('auth-can-i')).object, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: {},
    spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
    status: { allowed: false },
  });
});

test('kubectl create token: a TokenRequest, with null for the nil fields that have no omitempty', () => {
  assert.deepEqual(decodeKubernetesProtobuf(body('create-token')).object, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: {},
    spec: { audiences: null, expirationSeconds: 3600, boundObjectRef: null },
    status: { token: '', expirationTimestamp: null },
  });
});

test('kubectl drain --disable-eviction: the typed client sends DeleteOptions as protobuf', () => {
  const { requests } = fixture('drain-delete');
  assert.equal(requests[0]?.method, 'DELETE');
  assert.deepEqual(decodeKubernetesProtobuf(body('drain-delete')).object, { kind: 'DeleteOptions', apiVersion: 'v1' });
});
