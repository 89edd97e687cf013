import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from '../../machinery/errors.js';
import { decodeJSONStrict } from './decode-strict.js';
import { compileSchema } from './schema-node.js';
import { checkDecodable, validateStructure } from './validate.js';

const POD = 'io.k8s.api.core.v1.Pod';
const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function pod(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, ...extra };
}

/** The 400 message checkDecodable throws for `obj`, or undefined when it passes. */
function decodeFailure(obj: Record<string, unknown>, typeName = POD, literals?: Parameters<typeof checkDecodable>[2]): string | undefined {
  try {
    checkDecodable(obj, typeName, literals);
    return undefined;
  } catch (e) {
    assert.ok(e instanceof APIError && e.code === 400 && e.reason === 'BadRequest', String(e));
    return e.message;
  }
}

/** decodeFailure for JSON text, with the literals the strict parser keeps. */
function decodeFailureOf(text: string, typeName = POD): string | undefined {
  const { value, literals } = decodeJSONStrict(text);
  return decodeFailure(value as Record<string, unknown>, typeName, literals);
}

const HEAD = 'Pod in version "v1" cannot be handled as a Pod: ';

test('a value of the wrong JSON type fails as Go’s typed decode fails, naming the innermost struct and the field path', () => {
  const cases: [Record<string, unknown>, string][] = [
    [pod({ containers: 'x' }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    [pod({ containers: [{ name: 5 }] }), 'json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string'],
    [pod({ containers: ['x'] }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container'],
    [pod({ activeDeadlineSeconds: '5' }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64'],
    [pod({ hostNetwork: 'true' }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool'],
    [pod({ nodeName: { a: 1 } }), 'json: cannot unmarshal object into Go struct field PodSpec.spec.nodeName of type string'],
    [pod({ nodeSelector: ['a'] }), 'json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string'],
    [pod({ containers: [] }, { metadata: { labels: { a: 1 } } }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    [pod('x' as never), 'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec'],
    [
      pod({ containers: [{ name: 'c', resources: { limits: [] } }] }),
      'json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
    ],
  ];
  for (const [obj, cause] of cases) assert.equal(decodeFailure(obj), HEAD + cause, cause);
});

test('integers: range, and the literal as written (Go refuses 1.0 for an integer field)', () => {
  const spec = (port: string) => `{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"c","ports":[{"containerPort":${port}}]}]}}`;
  const field = 'Go struct field ContainerPort.spec.containers.ports.containerPort of type int32';
  assert.equal(decodeFailureOf(spec('80')), undefined);
  assert.equal(decodeFailureOf(spec('-0')), undefined);
  assert.equal(decodeFailureOf(spec('1.5')), `${HEAD}json: cannot unmarshal number 1.5 into ${field}`);
  assert.equal(decodeFailureOf(spec('1.0')), `${HEAD}json: cannot unmarshal number 1.0 into ${field}`);
  assert.equal(decodeFailureOf(spec('1e3')), `${HEAD}json: cannot unmarshal number 1e3 into ${field}`);
  assert.equal(decodeFailureOf(spec('2147483648')), `${HEAD}json: cannot unmarshal number 2147483648 into ${field}`);
  assert.equal(decodeFailureOf(spec('-2147483648')), undefined);
  const deadline = (n: string) => `{"apiVersion":"v1","kind":"Pod","spec":{"activeDeadlineSeconds":${n}}}`;
  assert.equal(decodeFailureOf(deadline('9223372036854775807')), undefined);
  assert.equal(
    decodeFailureOf(deadline('9223372036854775808')),
    `${HEAD}json: cannot unmarshal number 9223372036854775808 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64`,
  );
  // Without literals (a YAML body), the value decides.
  assert.equal(
    decodeFailure(pod({ activeDeadlineSeconds: 2.5 })),
    `${HEAD}json: cannot unmarshal number 2.5 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64`,
  );
});

test('the first plain mismatch is reported; a self-decoding type’s error wins over it', () => {
  assert.equal(
    decodeFailure(pod({ nodeName: 1, hostname: 2 })),
    `${HEAD}json: cannot unmarshal number into Go struct field PodSpec.spec.nodeName of type string`,
  );
  assert.equal(decodeFailure(pod({ nodeName: 1, overhead: { cpu: 'lots' } })), HEAD + QUANTITY_ERROR);
});

test('quantities: must parse; stored in upstream’s form; numbers accepted', () => {
  const obj = pod({ containers: [{ name: 'c', resources: { limits: { cpu: 0.5, memory: '1Gi' }, requests: { cpu: '1000m', memory: ' 128Mi ' } } }] });
  assert.equal(decodeFailure(obj), undefined);
  const resources = ((obj.spec as Record<string, unknown[]>).containers![0] as Record<string, unknown>).resources;
  assert.deepEqual(resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '1', memory: '128Mi' } });
  assert.equal(decodeFailure(pod({ overhead: { cpu: 'abc' } })), HEAD + QUANTITY_ERROR);
  assert.equal(decodeFailure(pod({ overhead: { cpu: true } })), HEAD + QUANTITY_ERROR);
  assert.equal(decodeFailure(pod({ overhead: { cpu: '1ki' } })), `${HEAD}unable to parse quantity's suffix`);
  assert.equal(decodeFailureOf('{"apiVersion":"v1","kind":"Pod","spec":{"overhead":{"cpu":1e3}}}'), undefined);
});

test('IntOrString takes a string or an int32, and fails as its own decoder does', () => {
  const deployment = (maxSurge: unknown) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    spec: { strategy: { rollingUpdate: { maxSurge } } },
  });
  const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';
  const head = 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal';
  const field = 'into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32';
  assert.equal(decodeFailure(deployment('25%'), DEPLOYMENT), undefined);
  assert.equal(decodeFailure(deployment(3), DEPLOYMENT), undefined);
  assert.equal(decodeFailure(deployment(1.5), DEPLOYMENT), `${head} number 1.5 ${field}`);
  assert.equal(decodeFailure(deployment(true), DEPLOYMENT), `${head} bool ${field}`);
  assert.equal(decodeFailure(deployment({}), DEPLOYMENT), `${head} object ${field}`);
});

test('timestamps: parsed as Go parses them, stored in UTC with upstream’s precision', () => {
  const withCondition = (t: unknown) => pod({}, { status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } });
  const obj = withCondition('2020-01-01T10:00:00.9+02:00');
  assert.equal(decodeFailure(obj), undefined);
  assert.equal(((obj.status as Record<string, Record<string, unknown>[]>).conditions![0]!).lastTransitionTime, '2020-01-01T08:00:00Z');
  assert.equal(
    decodeFailure(withCondition('yesterday')),
    HEAD + 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
  );
  assert.equal(
    decodeFailure(withCondition(5)),
    `${HEAD}json: cannot unmarshal number into Go struct field PodCondition.status.conditions.lastTransitionTime of type string`,
  );
  const lease = (renewTime: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', spec: { renewTime } });
  const LEASE = 'io.k8s.api.coordination.v1.Lease';
  const ok = lease('2020-01-01T00:00:00.123456+01:00');
  assert.equal(decodeFailure(ok, LEASE), undefined);
  assert.equal((ok.spec as Record<string, unknown>).renewTime, '2019-12-31T23:00:00.123456Z');
  assert.equal(
    decodeFailure(lease('2020-01-01T00:00:00Z'), LEASE),
    'Lease in version "v1" cannot be handled as a Lease: parsing time "2020-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
  );
});

test('[]byte fields: base64 checked as Go checks it, stored canonical; an array of bytes is accepted', () => {
  const SECRET = 'io.k8s.api.core.v1.Secret';
  const secret = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
  const ok = secret({ a: 'YWJj\n', b: [104, 105], c: null });
  assert.equal(decodeFailure(ok, SECRET), undefined);
  assert.deepEqual(ok.data, { a: 'YWJj', b: 'aGk=', c: null });
  assert.equal(decodeFailure(secret({ a: 'abc' }), SECRET), 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0');
  assert.equal(
    decodeFailure(secret({ a: [256] }), SECRET),
    'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number 256 into Go struct field Secret.data of type uint8',
  );
});

test('null: a field is dropped, a list item or map value becomes its zero value', () => {
  const obj = pod(
    { nodeName: null, containers: [null, { name: 'c', args: ['a', null], resources: { limits: { cpu: null } } }], nodeSelector: { a: null } },
    { status: null },
  );
  assert.equal(decodeFailure(obj), undefined);
  assert.deepEqual(obj, pod({ containers: [{}, { name: 'c', args: ['a', ''], resources: { limits: { cpu: '0' } } }], nodeSelector: { a: '' } }));
});

test('validateStructure: a required member that is absent is a Required value error at its path', () => {
  const errors = validateStructure(pod({ containers: [{ name: 'a' }, { image: 'i', env: [{ value: 'v' }] }] }), POD);
  assert.deepEqual(errors.map(String), ['spec.containers[1].name: Required value', 'spec.containers[1].env[0].name: Required value']);
  assert.equal(errors[0]!.type, 'FieldValueRequired');
  assert.equal(errors[0]!.field, 'spec.containers[1].name');
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1 } };
  assert.deepEqual(validateStructure(deployment, 'io.k8s.api.apps.v1.Deployment').map(String), [
    'spec.selector: Required value',
    'spec.template: Required value',
  ]);
  const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } };
  assert.deepEqual(validateStructure(event, 'io.k8s.api.core.v1.Event').map(String), ['involvedObject: Required value']);
});

test('validateStructure: status may be partial; a complete object passes', () => {
  const replicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { selector: {} }, status: { conditions: [{}] } };
  assert.deepEqual(validateStructure(replicaSet, 'io.k8s.api.apps.v1.ReplicaSet'), []);
  assert.deepEqual(validateStructure(pod({ containers: [{ name: 'c' }] }), POD), []);
});

test('validateStructure: enums and map paths, for schemas that have them', () => {
  const node = compileSchema({
    type: 'object',
    properties: {
      mode: { type: 'string', enum: ['A', 'B'] },
      byName: { type: 'object', additionalProperties: { type: 'object', required: ['x'], properties: { x: { type: 'integer' } } } },
    },
  });
  assert.deepEqual(validateStructure({ mode: 'C', byName: { k1: { x: 1 }, k2: {} } }, node).map(String), [
    'mode: Unsupported value: "C": supported values: "A", "B"',
    'byName[k2].x: Required value',
  ]);
});
