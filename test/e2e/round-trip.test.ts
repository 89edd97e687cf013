// Round trip: every fully populated upstream object (../shared/k8s/testdata) of a served,
// stored kind is created through the API (status through the status subresource), read
// back, and must have lost or renamed no field. Names and namespaces are replaced by valid
// ones; fields the server owns (uid, resourceVersion, timestamps, generation) are left out
// of the comparison. The testdata comes from a newer kubernetes/api than the 1.36 schema
// kubets serves, so fields that schema does not know are not expected back (a 1.36 server
// drops them too); defaults the server adds are allowed.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findByKind, resolve, type ResourceInfo, type TypeSchema } from '../../src/api/catalogue.js';
import { storageOf } from '../../src/api/storage-versions.js';
import { startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

const TESTDATA = path.resolve(import.meta.dirname, '../../../shared/k8s/testdata');
const SERVER_OWNED_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'generateName'];

/** Spec fields a kind's strategy fills from the request itself, as upstream's does: a CSR's requesting user. */
const SERVER_OWNED_SPEC: Record<string, readonly string[]> = { CertificateSigningRequest: ['username', 'uid', 'groups', 'extra'] };

/**
 * Values the server allocates itself (a Service's addresses and node ports) must be valid
 * allocations: the testdata's random ones are replaced by ones the server grants.
 */
const SERVER_ALLOCATED: Record<string, Record<string, unknown>> = {
  Service: {
    spec: {
      ...(JSON.parse(readFileSync(path.join(TESTDATA, 'core.v1.Service.json'), 'utf8')) as { spec: object }).spec,
      type: 'NodePort',
      clusterIP: '10.96.50.50',
      clusterIPs: ['10.96.50.50'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'nameValue', protocol: 'protocolValue', appProtocol: 'appProtocolValue', port: 3, targetPort: 'targetPortValue', nodePort: 30555 }],
    },
  },
};

interface Case {
  readonly file: string;
  readonly info: ResourceInfo;
  readonly object: Record<string, unknown> & { metadata: Record<string, unknown> };
}

function cases(): Case[] {
  if (!existsSync(TESTDATA)) throw new Error(`the upstream testdata is missing at ${TESTDATA}`);
  const out: Case[] = [];
  for (const file of readdirSync(TESTDATA).filter((f) => f.endsWith('.json')).sort()) {
    const object = JSON.parse(readFileSync(path.join(TESTDATA, file), 'utf8')) as Case['object'];
    const [group, version] = splitApiVersion(String(object.apiVersion));
    const info = findByKind(group, version, String(object.kind));
    if (info === undefined || storageOf(info) === undefined || !info.verbs.includes('create')) continue;
    out.push({ file, info, object });
  }
  return out;
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

function collectionPath(info: ResourceInfo, namespace: string): string {
  const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  return info.namespaced ? `${base}/namespaces/${namespace}/${info.resource}` : `${base}/${info.resource}`;
}

/** The object as sent, minus what the server owns. */
function comparable(obj: Record<string, unknown>, withStatus: boolean): Record<string, unknown> {
  const { metadata, status, ...rest } = obj as { metadata: Record<string, unknown>; status?: unknown };
  const meta = { ...metadata };
  for (const key of SERVER_OWNED_METADATA) delete meta[key];
  const out: Record<string, unknown> = { ...rest, metadata: meta };
  if (withStatus && status !== undefined) out.status = status;
  return out;
}

describe('round trip of every upstream testdata object', () => {
  let cluster: TestCluster;
  let client: RawClient;
  const all = cases();

  before(async () => {
    // The testdata's values are random: the kinds' own rules would refuse most objects.
    cluster = await startTestCluster({ kindValidation: false });
    client = new RawClient(cluster.plane.kubeconfigPath);
    const ns = await client.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'round-trip' } } });
    assert.equal(ns.status, 201, ns.body);
  });
  after(async () => {
    client?.close();
    await cluster?.stop();
  });

  test('there are cases for most served kinds', () => {
    assert.ok(all.length >= 50, `only ${all.length} testdata objects are of served kinds`);
  });

  for (const { file, info, object } of all) {
    test(file, async () => {
      const name = `rt-${info.group.split('.')[0] || 'core'}-${info.resource}-${info.version}`.toLowerCase();
      const input = structuredClone(object);
      input.metadata = { ...input.metadata, name, namespace: info.namespaced ? 'round-trip' : undefined };
      delete input.metadata.finalizers; // keeps the namespace deletable; finalizers have their own tests
      Object.assign(input, SERVER_ALLOCATED[info.kind] ?? {});
      const hasStatus = info.subresources.some((s) => s.name === 'status');
      const collection = collectionPath(info, 'round-trip');

      const created = await client.request({ method: 'POST', path: collection, body: input });
      assert.equal(created.status, 201, `create: ${created.body}`);
      if (hasStatus && input.status !== undefined) {
        const current = created.json();
        const withStatus = { ...current, status: input.status };
        const updated = await client.request({ method: 'PUT', path: `${collection}/${name}/status`, body: withStatus });
        assert.equal(updated.status, 200, `status update: ${updated.body}`);
      }
      const read = await client.request({ path: `${collection}/${name}` });
      assert.equal(read.status, 200, read.body);
      const sent = JSON.parse(JSON.stringify(comparable(input, true))) as Record<string, unknown>;
      for (const field of SERVER_OWNED_SPEC[info.kind] ?? []) delete (sent.spec as Record<string, unknown>)[field];
      if (info.kind === 'Secret') mergeStringData(sent);
      const expected = knownFields(sent, { ref: info.typeName });
      const actual = comparable(read.json(), true);
      const lost = missingOrChanged(actual, expected, '');
      assert.deepEqual(lost, [], `fields lost or changed:\n${lost.join('\n')}`);
    });
  }
});

/** Upstream stores a Secret's stringData as base64 entries of data, and drops stringData. */
function mergeStringData(secret: Record<string, unknown>): void {
  const stringData = (secret.stringData ?? {}) as Record<string, string>;
  const data = { ...((secret.data ?? {}) as Record<string, string>) };
  for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(value).toString('base64');
  secret.data = data;
  delete secret.stringData;
}

/** The parts of a value its schema knows (what a 1.36 server keeps). */
function knownFields(value: unknown, fieldSchema: TypeSchema): unknown {
  const schema = resolve(fieldSchema);
  if (schema.preserveUnknownFields || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return schema.items ? value.map((v) => knownFields(v, schema.items as TypeSchema)) : value;
  const obj = value as Record<string, unknown>;
  if (schema.properties === undefined) {
    const values = schema.additionalProperties;
    if (typeof values !== 'object') return value;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, knownFields(v, values)]));
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    const member = schema.properties[key];
    if (member !== undefined) out[key] = knownFields(v, member);
    else if (key === 'apiVersion' || key === 'kind') out[key] = v;
  }
  return out;
}

/** Paths of `expected` that `actual` lacks or holds with another value (additions are allowed). */
function missingOrChanged(actual: unknown, expected: unknown, at: string): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(expected) && isObject(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    return Object.keys(expected).flatMap((k) => missingOrChanged(actual[k], expected[k], Array.isArray(expected) ? `${at}[${k}]` : `${at}.${k}`));
  }
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  // Upstream's conversion always writes the deprecated serviceAccount as a copy of serviceAccountName.
  if (at.endsWith('.spec.serviceAccount') || at === '.spec.serviceAccount') return [];
  return [`${at}: got ${JSON.stringify(actual)}, sent ${JSON.stringify(expected)}`];
}
