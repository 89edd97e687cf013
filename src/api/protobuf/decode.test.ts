// The decoder against hand-written messages: Go's JSON rules for zero, absent and pointer
// fields, maps, repeated and packed fields, merging, embedded structs, unknown fields, and
// the types that write their own JSON.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage } from './decode.js';
import { ProtobufDecodeError } from './errors.js';
import { ProtoWriter } from './wire-writer.js';

const CORE = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const APIEXT = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

function message(write: (w: ProtoWriter) => void): Uint8Array {
  const writer = new ProtoWriter();
  write(writer);
  return writer.finish();
}

/** A map entry {key = 1, value = 2}. */
function entry(w: ProtoWriter, field: number, key: string, value?: (w: ProtoWriter) => void): void {
  w.message(field, (e) => {
    e.string(1, key);
    value?.(e);
  });
}

/** 2026-11-25T17:14:21Z */
const SECONDS = 1_795_626_861;

describe('Go JSON rules for fields', () => {
  test('a zero non-pointer field (which gogo always writes) is left out under omitempty, kept without it', () => {
    const container = message((w) => {
      w.string(1, ''); // name: no omitempty
      w.string(5, ''); // workingDir: omitempty
      w.bool(16, false); // stdin: omitempty
      w.bool(18, true); // tty
    });
    assert.deepEqual(decodeMessage(`${CORE}.Container`, container), { name: '', resources: {}, tty: true });
    const port = message((w) => w.int(3, 0));
    assert.deepEqual(decodeMessage(`${CORE}.ContainerPort`, port), { containerPort: 0 });
  });

  test('a pointer keeps its zero value; an absent pointer is null, or left out under omitempty; an absent struct is its zero JSON', () => {
    const spec = message((w) => {
      w.int(1, 0); // replicas *int32
      w.bool(7, false); // paused bool, omitempty
    });
    assert.deepEqual(decodeMessage('io.k8s.api.apps.v1.DeploymentSpec', spec), {
      replicas: 0,
      selector: null, // *LabelSelector without omitempty
      // template is a struct: Go writes it even when zero, and its PodSpec's containers (no omitempty) as null.
      template: { metadata: {}, spec: { containers: null } },
      strategy: {},
    });
  });

  test('absent slices and maps: null without omitempty, left out with it', () => {
    assert.deepEqual(decodeMessage('io.k8s.api.rbac.v1.Role', message(() => {})), { metadata: {}, rules: null });
    assert.deepEqual(decodeMessage(`${CORE}.ConfigMap`, message(() => {})), { metadata: {} });
  });

  test('maps: entries in order, empty values, bytes as base64, a missing value, __proto__ as a plain key', () => {
    const configMap = message((w) => {
      entry(w, 2, 'a', (e) => e.string(2, 'b'));
      entry(w, 2, 'empty', (e) => e.string(2, ''));
      entry(w, 2, 'novalue');
      entry(w, 2, '__proto__', (e) => e.string(2, 'x'));
      entry(w, 2, 'a', (e) => e.string(2, 'later'));
      entry(w, 3, 'bin', (e) => e.bytes(2, Uint8Array.of(0xff, 0x00, 0x41)));
      entry(w, 3, 'nil');
      w.bool(4, false); // immutable *bool: present, so kept
    });
    const decoded = decodeMessage(`${CORE}.ConfigMap`, configMap) as Record<string, Record<string, unknown>>;
    assert.equal(Object.getPrototypeOf(decoded.data), Object.prototype);
    assert.ok(Object.hasOwn(decoded.data!, '__proto__'));
    assert.deepEqual({ ...decoded, data: { ...decoded.data } }, {
      metadata: {},
      immutable: false,
      data: { a: 'later', empty: '', novalue: '', ['__proto__']: 'x' },
      binaryData: { bin: '/wBB', nil: null },
    });
  });

  test('repeated numbers are read packed and unpacked; repeated messages one each', () => {
    const packed = message((w) => w.bytes(4, Uint8Array.of(0x01, 0x02)));
    const unpacked = message((w) => {
      w.int(4, 1);
      w.int(4, -1);
    });
    assert.deepEqual(decodeMessage(`${CORE}.PodSecurityContext`, packed), { supplementalGroups: [1, 2] });
    assert.deepEqual(decodeMessage(`${CORE}.PodSecurityContext`, unpacked), { supplementalGroups: [1, -1] });
    const role = message((w) => {
      w.message(2, (r) => r.string(1, 'get'));
      w.message(2, (r) => r.string(1, 'list'));
    });
    assert.deepEqual(decodeMessage('io.k8s.api.rbac.v1.Role', role), { metadata: {}, rules: [{ verbs: ['get'] }, { verbs: ['list'] }] });
  });

  test('a scalar seen twice keeps the last value; a message seen twice is merged', () => {
    const configMap = message((w) => {
      w.message(1, (m) => m.string(1, 'first'));
      w.message(1, (m) => {
        m.string(3, 'ns');
        m.string(1, 'second');
      });
    });
    assert.deepEqual(decodeMessage(`${CORE}.ConfigMap`, configMap), { metadata: { name: 'second', namespace: 'ns' } });
  });

  test('an embedded struct shows its fields in the parent', () => {
    const volume = message((w) => {
      w.string(1, 'cache');
      w.message(2, (source) => source.message(2, () => {})); // volumeSource { emptyDir {} }
    });
    assert.deepEqual(decodeMessage(`${CORE}.Volume`, volume), { name: 'cache', emptyDir: {} });
    const selector = message((w) => {
      w.message(1, (ref) => ref.string(1, 'secret'));
      w.string(2, 'key');
    });
    assert.deepEqual(decodeMessage(`${CORE}.SecretKeySelector`, selector), { name: 'secret', key: 'key' });
  });

  test('unknown fields of every wire type are skipped', () => {
    const configMap = message((w) => {
      w.int(99, 5);
      w.string(98, 'x');
      w.double(97, 1.5);
      entry(w, 2, 'k', (e) => e.string(2, 'v'));
    });
    const withFixed32 = new Uint8Array([...configMap, 0xad, 0x06, 1, 2, 3, 4]); // field 101, wire type 5
    assert.deepEqual(decodeMessage(`${CORE}.ConfigMap`, withFixed32), { metadata: {}, data: { k: 'v' } });
  });

  test('a known field with the wrong wire type is an error', () => {
    const configMap = message((w) => w.string(4, 'true'));
    assert.throws(() => decodeMessage(`${CORE}.ConfigMap`, configMap), (error: unknown) => {
      assert.ok(error instanceof ProtobufDecodeError);
      assert.match(error.message, /wrong wireType = 2/);
      return true;
    });
  });
});

describe('types that write their own JSON', () => {
  test('Time: whole seconds in UTC; nanoseconds dropped; empty or Go zero time is null; omitzero leaves it out', () => {
    const meta = message((w) => {
      w.message(8, (t) => {
        t.int(1, SECONDS);
        t.int(2, 999_999_999);
      });
      w.message(9, () => {}); // deletionTimestamp *Time, zero: null
    });
    assert.deepEqual(decodeMessage(`${META}.ObjectMeta`, meta), { creationTimestamp: '2026-11-25T17:14:21Z', deletionTimestamp: null });
    const zero = message((w) => w.message(8, (t) => t.int(1, -62_135_596_800)));
    assert.deepEqual(decodeMessage(`${META}.ObjectMeta`, zero), {});
  });

  test('MicroTime: six decimals, truncated; absent non-pointer: null', () => {
    const event = message((w) => {
      w.message(2, (t) => {
        t.int(1, SECONDS);
        t.int(2, 123_456_789);
      });
    });
    assert.equal((decodeMessage('io.k8s.api.events.v1.Event', event) as Record<string, unknown>).eventTime, '2026-11-25T17:14:21.123456Z');
    assert.equal((decodeMessage('io.k8s.api.events.v1.Event', message(() => {})) as Record<string, unknown>).eventTime, null);
  });

  test('Quantity: printed as upstream prints it, a missing map value is "0", a malformed one an error', () => {
    const requirements = message((w) => {
      entry(w, 1, 'cpu', (e) => e.message(2, (q) => q.string(1, '1000m')));
      entry(w, 1, 'memory', (e) => e.message(2, (q) => q.string(1, '1Gi')));
      entry(w, 1, 'none');
    });
    assert.deepEqual(decodeMessage(`${CORE}.ResourceRequirements`, requirements), { limits: { cpu: '1', memory: '1Gi', none: '0' } });
    const bad = message((w) => entry(w, 1, 'cpu', (e) => e.message(2, (q) => q.string(1, 'lots'))));
    assert.throws(() => decodeMessage(`${CORE}.ResourceRequirements`, bad), ProtobufDecodeError);
  });

  test('IntOrString: type 0 the int, type 1 the string, a zero struct 0, another type an error', () => {
    const port = (write: (t: ProtoWriter) => void) => decodeMessage(`${CORE}.ServicePort`, message((w) => w.message(4, write)));
    assert.deepEqual(port((t) => [t.int(1, 0), t.int(2, 8080), t.string(3, '')]), { port: 0, targetPort: 8080 });
    assert.deepEqual(port((t) => [t.int(1, 1), t.int(2, 0), t.string(3, 'http')]), { port: 0, targetPort: 'http' });
    assert.deepEqual(decodeMessage(`${CORE}.ServicePort`, message(() => {})), { port: 0, targetPort: 0 });
    assert.throws(() => port((t) => t.int(1, 2)), /impossible IntOrString.Type 2/);
  });

  test('RawExtension and FieldsV1 hold JSON text; nil is null; text that is not JSON is an error', () => {
    const revision = message((w) => {
      w.message(2, (raw) => raw.string(1, '{"spec":{"replicas":1}}'));
      w.int(3, 4);
    });
    assert.deepEqual(decodeMessage('io.k8s.api.apps.v1.ControllerRevision', revision), { metadata: {}, data: { spec: { replicas: 1 } }, revision: 4 });
    assert.deepEqual(decodeMessage('io.k8s.api.apps.v1.ControllerRevision', message((w) => w.int(3, 1))), { metadata: {}, data: null, revision: 1 });
    const managed = message((w) => w.message(7, (f) => f.string(1, '{"f:data":{}}')));
    assert.deepEqual(decodeMessage(`${META}.ManagedFieldsEntry`, managed), { fieldsV1: { 'f:data': {} } });
    const broken = message((w) => w.message(2, (raw) => raw.bytes(1, Uint8Array.of(0x01))));
    assert.throws(() => decodeMessage('io.k8s.api.apps.v1.ControllerRevision', broken), /RawExtension does not hold JSON/);
  });

  test('JSONSchemaProps unions: or-bool, or-array, or-string-array, and raw JSON defaults', () => {
    const schema = message((w) => {
      w.string(5, 'object');
      w.message(8, (d) => d.string(1, '{"a":1}'));
      w.message(24, (items) => items.message(1, (s) => s.string(5, 'string')));
      w.message(30, (ap) => ap.bool(1, false));
      w.message(33, (ai) => {
        ai.bool(1, true);
        ai.message(2, (s) => s.string(5, 'integer'));
      });
      entry(w, 32, 'a', (e) => e.message(2, (dep) => [dep.string(2, 'b'), dep.string(2, 'c')]));
      entry(w, 32, 'd', (e) => e.message(2, (dep) => dep.message(1, (s) => s.string(5, 'object'))));
      w.bool(38, true);
    });
    assert.deepEqual(decodeMessage(`${APIEXT}.JSONSchemaProps`, schema), {
      type: 'object',
      default: { a: 1 },
      items: { type: 'string' },
      additionalProperties: false,
      dependencies: { a: ['b', 'c'], d: { type: 'object' } },
      additionalItems: { type: 'integer' },
      'x-kubernetes-preserve-unknown-fields': true,
    });
    const array = message((w) => w.message(24, (items) => [items.message(2, (s) => s.string(5, 'a')), items.message(2, (s) => s.string(5, 'b'))]));
    assert.deepEqual(decodeMessage(`${APIEXT}.JSONSchemaProps`, array), { items: [{ type: 'a' }, { type: 'b' }] });
  });

  test('a Go slice type (ExtraValue) is its items; with no items, null', () => {
    const user = message((w) => {
      entry(w, 4, 'scopes', (e) => e.message(2, (v) => [v.string(1, 'a'), v.string(1, 'b')]));
      entry(w, 4, 'none');
    });
    assert.deepEqual(decodeMessage('io.k8s.api.authentication.v1.UserInfo', user), { extra: { scopes: ['a', 'b'], none: null } });
  });
});
