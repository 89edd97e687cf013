import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { goFormat, goKind, goTypeName } from './go-values.js';

describe('go values', () => {
  it('formats like %v: maps with sorted keys, lists with spaces, nil', () => {
    assert.equal(goFormat({ name: 'a', $patch: 'delete', n: 1, f: 1.5, b: true, z: null }), 'map[$patch:delete b:true f:1.5 n:1 name:a z:<nil>]');
    assert.equal(goFormat([[1, 2], ['a', { k: [] }]]), '[[1 2] [a map[k:[]]]]');
    assert.equal(goFormat(1234567.5), '1.2345675e+06');
    assert.equal(goFormat(0.00001), '1e-05');
  });

  it('formats like %s: non-strings marked as Go does', () => {
    assert.equal(goFormat(5, 's'), '%!s(int64=5)');
    assert.equal(goFormat(0.5, 's'), '%!s(float64=0.5)');
    assert.equal(goFormat(false, 's'), '%!s(bool=false)');
    assert.equal(goFormat(null, 's'), '%!s(<nil>)');
    assert.equal(goFormat('text', 's'), 'text');
  });

  it('names the Go types of decoded JSON', () => {
    assert.deepEqual([{}, [], 's', 1, 1.5, true, null].map(goKind), ['map', 'slice', 'string', 'int64', 'float64', 'bool', 'nil']);
    assert.equal(goTypeName({}), 'map[string]interface {}');
    assert.equal(goTypeName([]), '[]interface {}');
    assert.equal(goTypeName(null), '%!s(<nil>)');
  });
});
