import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloneObject, decodeFromStorage, storedBytes, type KubeObject } from './object.js';

test('cloneObject copies every level, so changing the copy leaves the original alone', () => {
  const original = { metadata: { name: 'a', labels: { app: 'x' } }, spec: { list: [{ n: 1 }, 2, null, 'three'] }, flag: false, missing: null };
  const copy = cloneObject(original);
  assert.deepEqual(copy, original);
  copy.metadata.labels.app = 'y';
  (copy.spec.list[0] as { n: number }).n = 9;
  copy.spec.list.push(4);
  assert.equal(original.metadata.labels.app, 'x');
  assert.deepEqual(original.spec.list, [{ n: 1 }, 2, null, 'three']);
});

test('cloneObject keeps a `__proto__` field as a field, as JSON.parse made it', () => {
  const parsed = JSON.parse('{"data":{"__proto__":{"polluted":true}}}') as { data: Record<string, unknown> };
  const copy = cloneObject(parsed);
  assert.equal(Object.getPrototypeOf(copy.data), Object.prototype);
  assert.deepEqual(Object.keys(copy.data), ['__proto__']);
  assert.equal(JSON.stringify(copy), '{"data":{"__proto__":{"polluted":true}}}');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('storedBytes gives back the bytes an object was decoded from, and an encoding otherwise', () => {
  const bytes = new TextEncoder().encode('{"metadata":{"name":"a"},"spec":{"x":1}}');
  const decoded = decodeFromStorage(bytes, 7);
  assert.equal(decoded.metadata.resourceVersion, '7');
  assert.equal(storedBytes(decoded), bytes);
  const built: KubeObject = { metadata: { name: 'a', resourceVersion: '7' }, spec: { x: 1 } };
  assert.deepEqual(storedBytes(built), bytes);
});
