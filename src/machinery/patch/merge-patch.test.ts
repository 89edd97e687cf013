// JSON merge patch: RFC 7386's examples, and what upstream's library
// (gopkg.in/evanphx/json-patch.v4) does beyond them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatchError } from './errors.js';
import { applyMergePatch } from './merge-patch.js';
import type { JsonObject } from './json-value.js';

describe('merge patch: RFC 7386 appendix A', () => {
  const cases: [JsonObject | unknown[], unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [document, patch, expected] of cases) {
    it(`${JSON.stringify(document)} + ${JSON.stringify(patch)}`, () => {
      assert.deepEqual(applyMergePatch(document, patch), expected);
    });
  }
});

describe('merge patch: upstream behaviour', () => {
  it('merges nested objects and replaces lists whole', () => {
    const result = applyMergePatch(
      { metadata: { labels: { app: 'a', tier: 'b' } }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      { metadata: { labels: { tier: null, v: '2' } }, spec: { containers: [{ name: 'c' }] } },
    );
    assert.deepEqual(result, { metadata: { labels: { app: 'a', v: '2' } }, spec: { containers: [{ name: 'c' }] } });
  });

  it('sets an object where the document had null', () => {
    assert.deepEqual(applyMergePatch({ title: null }, { title: { foo: 'bar' } }), { title: { foo: 'bar' } });
  });

  it('keeps null elements of lists', () => {
    assert.deepEqual(applyMergePatch({ a: ['b'] }, { a: ['b', null] }), { a: ['b', null] });
    assert.deepEqual(applyMergePatch(['a', 'b'], ['a', null]), ['a', null]);
  });

  it('prunes nulls from objects inside a list that is added', () => {
    assert.deepEqual(applyMergePatch({}, { a: [{ b: null, c: 1 }, null] }), { a: [{ c: 1 }, null] });
    assert.deepEqual(applyMergePatch({ a: 'scalar' }, { a: [{ b: null }] }), { a: [{}] });
  });

  it('keeps nulls inside a list that replaces an object (upstream quirk)', () => {
    assert.deepEqual(applyMergePatch({ a: { x: 1 } }, { a: [{ b: null }] }), { a: [{ b: null }] });
  });

  it('rejects a null or scalar patch and a null document', () => {
    for (const patch of [null, 'bar', 1, true]) {
      assert.throws(() => applyMergePatch({ a: 'foo' }, patch), (error: unknown) => error instanceof PatchError && error.failure === 'BadRequest' && error.message === 'Invalid JSON Patch');
    }
    assert.throws(() => applyMergePatch(null, {}), { message: 'Invalid JSON Document' });
  });

  it('never modifies the document or the patch, and shares nothing with them', () => {
    const document = Object.freeze({ a: Object.freeze({ b: 1, c: 2 }), list: Object.freeze([1]) });
    const patch = Object.freeze({ a: Object.freeze({ c: null, d: Object.freeze({ e: null, f: 1 }) }), n: Object.freeze([Object.freeze({ x: 1 })]) });
    const result = applyMergePatch(document, patch) as JsonObject;
    assert.deepEqual(result, { a: { b: 1, d: { f: 1 } }, list: [1], n: [{ x: 1 }] });
    ((result.n as JsonObject[])[0] as JsonObject).x = 2;
    assert.deepEqual(patch.n, [{ x: 1 }]);
  });
});
