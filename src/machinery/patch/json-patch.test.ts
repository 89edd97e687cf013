// JSON patch as upstream's API server applies it (gopkg.in/evanphx/json-patch.v4):
// results, quirks and messages.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatchError, type PatchFailure } from './errors.js';
import { applyJsonPatch, maxJsonPatchOperations } from './json-patch.js';
import type { JsonObject } from './json-value.js';

function assertFails(document: JsonObject, patch: unknown, failure: PatchFailure, message: string): void {
  assert.throws(
    () => applyJsonPatch(document, patch),
    (error: unknown) => {
      assert.ok(error instanceof PatchError, `not a PatchError: ${String(error)}`);
      assert.equal(error.message, message);
      assert.equal(error.failure, failure);
      return true;
    },
  );
}

describe('json patch: operations', () => {
  it('adds a member and inserts into a list', () => {
    const result = applyJsonPatch({ foo: ['bar', 'baz'] }, [
      { op: 'add', path: '/new', value: { a: 1 } },
      { op: 'add', path: '/foo/1', value: 'qux' },
      { op: 'add', path: '/foo/-', value: 'end' },
      { op: 'add', path: '/foo/0', value: 'start' },
    ]);
    assert.deepEqual(result, { foo: ['start', 'bar', 'qux', 'baz', 'end'], new: { a: 1 } });
  });

  it('adds at a negative index counted from the end (upstream extension)', () => {
    assert.deepEqual(applyJsonPatch({ foo: ['a', 'b'] }, [{ op: 'add', path: '/foo/-1', value: 'x' }]), { foo: ['a', 'b', 'x'] });
    assert.deepEqual(applyJsonPatch({ foo: ['a', 'b'] }, [{ op: 'add', path: '/foo/-3', value: 'x' }]), { foo: ['x', 'a', 'b'] });
  });

  it('replaces an existing member of an object', () => {
    assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }]), { baz: 'boo', foo: 'bar' });
  });

  it('replaces a list element, also counted from the end', () => {
    assert.deepEqual(applyJsonPatch({ foo: ['a', 'b', 'c'] }, [{ op: 'replace', path: '/foo/-1', value: 'z' }]), { foo: ['a', 'b', 'z'] });
  });

  it('adds the member when replace names a missing key (upstream v4 quirk)', () => {
    assert.deepEqual(applyJsonPatch({ metadata: { labels: {} } }, [{ op: 'replace', path: '/metadata/labels/app', value: 'x' }]), { metadata: { labels: { app: 'x' } } });
  });

  it('replaces the whole document', () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }]), { b: 2 });
  });

  it('removes members and list elements', () => {
    const result = applyJsonPatch({ baz: 'qux', foo: ['a', 'b', 'c'], bar: null }, [
      { op: 'remove', path: '/baz' },
      { op: 'remove', path: '/foo/1' },
      { op: 'remove', path: '/foo/-1' },
      { op: 'remove', path: '/bar' },
    ]);
    assert.deepEqual(result, { foo: ['a'] });
  });

  it('moves a value', () => {
    const result = applyJsonPatch({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' }, list: [1, 2, 3] }, [
      { op: 'move', from: '/foo/waldo', path: '/qux/thud' },
      { op: 'move', from: '/list/0', path: '/list/-' },
    ]);
    assert.deepEqual(result, { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' }, list: [2, 3, 1] });
  });

  it('copies a value, deeply', () => {
    const result = applyJsonPatch({ foo: { bar: [1] } }, [
      { op: 'copy', from: '/foo', path: '/copy' },
      { op: 'add', path: '/copy/bar/-', value: 2 },
    ]);
    assert.deepEqual(result, { foo: { bar: [1] }, copy: { bar: [1, 2] } });
  });

  it('copies null from a missing key (upstream quirk)', () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'copy', from: '/missing', path: '/b' }]), { a: 1, b: null });
  });

  it('sets null when an operation has no value', () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/b' }]), { a: 1, b: null });
  });

  it('decodes ~1 as / and ~0 as ~ in tokens', () => {
    const result = applyJsonPatch({ metadata: { annotations: { 'example.com/a~b': 'x' } } }, [
      { op: 'test', path: '/metadata/annotations/example.com~1a~0b', value: 'x' },
      { op: 'add', path: '/metadata/annotations/k8s.io~1c', value: 'y' },
      { op: 'add', path: '/~01', value: 'tilde-one' },
    ]);
    assert.deepEqual(result, { metadata: { annotations: { 'example.com/a~b': 'x', 'k8s.io/c': 'y' } }, '~1': 'tilde-one' });
  });

  it('patches a document that is a list', () => {
    assert.deepEqual(applyJsonPatch([{ foo: ['bar'] }], [{ op: 'replace', path: '/0/foo/0', value: 'bum' }]), [{ foo: ['bum'] }]);
  });

  it('does nothing for a null patch or an empty list', () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, null), { a: 1 });
    assert.deepEqual(applyJsonPatch({ a: 1 }, []), { a: 1 });
  });

  it('never modifies the document or the patch, and shares nothing with them', () => {
    const document = Object.freeze({ list: Object.freeze([1, 2]), map: Object.freeze({ a: 1 }) });
    const value = { deep: [1] };
    const patch = [{ op: 'add', path: '/list/-', value }, { op: 'remove', path: '/map/a' }, { op: 'add', path: '/x', value }];
    const result = applyJsonPatch(document, patch) as JsonObject;
    assert.deepEqual(result, { list: [1, 2, { deep: [1] }], map: {}, x: { deep: [1] } });
    ((result.x as JsonObject).deep as number[]).push(2);
    assert.deepEqual(value, { deep: [1] });
    assert.deepEqual((result.list as JsonObject[])[2], { deep: [1] });
  });
});

describe('json patch: test', () => {
  const document = { baz: 'qux', foo: ['a', 2, 'c'], nested: { n: 1, l: [true] }, nothing: null };

  it('passes on equal values', () => {
    applyJsonPatch(document, [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
      { op: 'test', path: '/nested', value: { l: [true], n: 1 } },
      { op: 'test', path: '', value: document },
    ]);
  });

  it('treats a missing key and null alike', () => {
    applyJsonPatch(document, [
      { op: 'test', path: '/missing', value: null },
      { op: 'test', path: '/nothing', value: null },
      { op: 'test', path: '/missing' },
    ]);
  });

  it('fails with the path in the message', () => {
    assertFails(document, [{ op: 'test', path: '/foo/1', value: 'c' }], 'Invalid', 'testing value /foo/1 failed: test failed');
    assertFails(document, [{ op: 'test', path: '/baz', value: null }], 'Invalid', 'testing value /baz failed: test failed');
    assertFails(document, [{ op: 'test', path: '/nested' }], 'Invalid', 'testing value /nested failed: test failed');
    assertFails(document, [{ op: 'test', path: '/missing', value: 42 }], 'Invalid', 'testing value /missing failed: test failed');
    assertFails(document, [{ op: 'test', path: '', value: {} }], 'Invalid', 'testing value  failed: test failed');
  });

  it('stops the patch at the first failure', () => {
    assertFails({ a: 1 }, [{ op: 'add', path: '/b', value: 2 }, { op: 'test', path: '/a', value: 2 }, { op: 'remove', path: '/nope' }], 'Invalid', 'testing value /a failed: test failed');
  });
});

describe('json patch: failures', () => {
  const cases: [string, JsonObject, unknown[], string][] = [
    ['add under a missing parent', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
    ['add to the root path', { foo: 'bar' }, [{ op: 'add', path: '', value: {} }], 'add operation does not apply: doc is missing path: "": missing value'],
    ['add past the end of a list', { foo: ['bar'] }, [{ op: 'add', path: '/foo/2', value: 'x' }], "error in add for path: '/foo/2': Unable to access invalid index: 2: invalid index referenced"],
    ['add before the start of a list', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/-4', value: 'x' }], "error in add for path: '/foo/-4': Unable to access invalid index: -4: invalid index referenced"],
    ['add at a non-numeric index', { foo: [] }, [{ op: 'add', path: '/foo/x', value: 1 }], 'error in add for path: \'/foo/x\': value was not a proper array index: \'x\': strconv.Atoi: parsing "x": invalid syntax'],
    ['add without a path', { foo: 'bar' }, [{ op: 'add', value: 'x' }], 'add operation failed to decode path: missing value'],
    ['remove a missing key', { a: { b: { d: 1 } } }, [{ op: 'remove', path: '/a/b/c' }], "error in remove for path: '/a/b/c': Unable to remove nonexistent key: c: missing value"],
    ['remove past the end', { a: { b: [1] } }, [{ op: 'remove', path: '/a/b/1' }], "error in remove for path: '/a/b/1': Unable to access invalid index: 1: invalid index referenced"],
    ['remove "-"', { foo: [1] }, [{ op: 'remove', path: '/foo/-' }], 'error in remove for path: \'/foo/-\': strconv.Atoi: parsing "-": invalid syntax'],
    ['remove without a path', { foo: 1 }, [{ op: 'remove' }], 'remove operation failed to decode path: missing value'],
    ['replace past the end', { foo: ['a', 'b'] }, [{ op: 'replace', path: '/foo/2', value: 'c' }], 'replace operation does not apply: doc is missing key: /foo/2: missing value'],
    ['replace under a scalar', { foo: 'bar' }, [{ op: 'replace', path: '/foo/bar', value: 'c' }], 'replace operation does not apply: doc is missing path: /foo/bar: missing value'],
    ['replace the root with a scalar', { foo: 'bar' }, [{ op: 'replace', path: '', value: 1 }], 'replace operation value must be object or array: %!w(<nil>)'],
    ['replace with a path that is not a string', { foo: 'bar' }, [{ op: 'replace', path: 1, value: 1 }], 'replace operation failed to decode path: json: cannot unmarshal number into Go value of type string'],
    ['move from a missing key', { a: { b: { d: 1 } } }, [{ op: 'move', from: '/a/b/c', path: '/a/b/e' }], "error in move for path: 'c': Unable to remove nonexistent key: c: missing value"],
    ['move to a missing parent', { a: 1 }, [{ op: 'move', from: '/a', path: '/x/y' }], 'move operation does not apply: doc is missing destination path: /x/y: missing value'],
    ['move without from', { a: 1 }, [{ op: 'move', path: '/b' }], 'move operation failed to decode from: operation, missing from field: missing value'],
    ['copy past the end', { foo: [1, 2] }, [{ op: 'copy', from: '/foo/0', path: '/foo/6666666666' }], 'error while adding value during copy: Unable to access invalid index: 6666666666: invalid index referenced'],
    ['copy without from', { foo: 1 }, [{ op: 'copy', path: '/b' }], 'copy operation failed to decode from: operation, missing from field: missing value'],
    ['test under a missing parent', { a: 1 }, [{ op: 'test', path: '/x/y', value: 1 }], 'test operation does not apply: is missing path: /x/y: missing value'],
    ['an unknown op', { a: 1 }, [{ op: 'merge', path: '/a' }], 'Unexpected kind: merge'],
    ['an op without op', { a: 1 }, [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['a null op', { a: 1 }, [null], 'Unexpected kind: unknown'],
  ];
  for (const [title, document, patch, message] of cases) {
    it(`fails to ${title}`, () => assertFails(document, patch, 'Invalid', message));
  }

  it('fails when copies add more than the limit', () => {
    const document = { foo: ['A', 'A'.repeat(48)] };
    const copyTwice = [
      { op: 'copy', path: '/foo/-', from: '/foo/1' },
      { op: 'copy', path: '/foo/-', from: '/foo/1' },
    ];
    assert.deepEqual(applyJsonPatch(document, copyTwice, { maxCopyBytes: 100 }), { foo: ['A', 'A'.repeat(48), 'A'.repeat(48), 'A'.repeat(48)] });
    assert.throws(() => applyJsonPatch({ foo: ['A', 'A'.repeat(49)] }, copyTwice, { maxCopyBytes: 100 }), {
      message: 'Unable to complete the copy, the accumulated size increase of copy is 102, exceeding the limit 100',
    });
  });

  it('rejects a body that is not a list of operations', () => {
    assertFails({}, { op: 'add' }, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    assertFails({}, 'add', 'BadRequest', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch');
    assertFails({}, [1], 'BadRequest', 'json: cannot unmarshal number into Go value of type jsonpatch.Operation');
  });

  it('rejects more operations than upstream allows', () => {
    const patch = Array.from({ length: maxJsonPatchOperations + 1 }, () => ({ op: 'test', path: '/a' }));
    assertFails({}, patch, 'RequestEntityTooLarge', 'The allowed maximum operations in a JSON patch is 10000, got 10001');
    applyJsonPatch({}, patch.slice(1));
  });
});
