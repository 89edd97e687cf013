// Strategic merge patch directives and failures on a small test type (an item with
// merging and non-merging lists of items and of integers, a replace-strategy member and
// a retainKeys member). Expected results and messages are upstream's.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatchError, type PatchFailure } from './errors.js';
import type { JsonObject } from './json-value.js';
import { applyStrategicMergePatch } from './strategic-merge.js';
import { schemaOf, type TypeTable } from './schema.testing.js';

const types: TypeTable = {
  Item: {
    name: {},
    value: {},
    mergingList: { patchStrategy: 'merge', patchMergeKey: 'name', items: { ref: 'Item' } },
    nonMergingList: { items: { ref: 'Item' } },
    mergingIntList: { patchStrategy: 'merge', items: {} },
    replacingMap: { patchStrategy: 'replace', ref: 'Item' },
    retainingMap: { patchStrategy: 'retainKeys', ref: 'Item' },
    keylessList: { patchStrategy: 'merge', items: { ref: 'Item' } },
    oddStrategy: { patchStrategy: 'merge,replace', items: {} },
    simpleMap: { additionalProperties: {} },
  },
};
const schema = schemaOf(types, 'Item');
const apply = (original: object, patch: unknown): JsonObject => applyStrategicMergePatch(original, patch, schema);

function assertFails(original: object, patch: unknown, failure: PatchFailure, message: string): void {
  assert.throws(
    () => apply(original, patch),
    (error: unknown) => {
      assert.ok(error instanceof PatchError, `not a PatchError: ${String(error)}`);
      assert.equal(error.message, message);
      assert.equal(error.failure, failure);
      return true;
    },
  );
}

describe('strategic merge: $patch', () => {
  it('deletes every element with the merge key value, duplicates included', () => {
    const original = { mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }] };
    const result = apply(original, { mergingList: [{ name: 1, $patch: 'delete' }, { name: 3, $patch: 'delete' }] });
    assert.deepEqual(result, { mergingList: [{ name: 2, value: 'a' }] });
  });

  it('empties a merging list with a lone replace element', () => {
    assert.deepEqual(apply({ mergingList: [{ name: 1 }, { name: 2 }] }, { mergingList: [{ $patch: 'replace' }] }), { mergingList: [] });
  });

  it('fails on $patch: merge in a list', () => {
    assertFails({ mergingList: [{ name: 1 }] }, { mergingList: [{ name: 1, $patch: 'merge' }] }, 'Unclassified', 'merging lists cannot yet be specified in the patch');
  });

  it('fails on $patch: merge (or anything but replace and delete) on a map', () => {
    assertFails({ simpleMap: { a: '1' } }, { simpleMap: { $patch: 'merge', b: '2' } }, 'Unclassified', 'unknown patch type: merge in map: map[$patch:merge b:2]');
  });

  it('fails on an unknown $patch in a list, with Go formatting of the value', () => {
    assertFails({ mergingList: [{ name: 'a' }] }, { mergingList: [{ name: 'a', $patch: 5 }] }, 'Unclassified', 'unknown patch type: %!s(int64=5) in map: map[$patch:5 name:a]');
  });

  it('fails on a delete element without the merge key', () => {
    assertFails({ mergingList: [{ name: 1 }] }, { mergingList: [{ $patch: 'delete', value: 'x' }] }, 'Unclassified', 'map: map[$patch:delete value:x] does not contain declared merge key: name');
  });
});

describe('strategic merge: merge keys and strategies', () => {
  it('fails on a list element without the merge key', () => {
    assertFails({ mergingList: [{ name: 'a' }] }, { mergingList: [{ value: 'nginx' }] }, 'Unclassified', 'map: map[value:nginx] does not contain declared merge key: name');
  });

  it('fails to merge a list of maps whose strategy has no merge key', () => {
    assertFails({ keylessList: [{ name: 'a' }] }, { keylessList: [{ name: 'b' }] }, 'Unclassified', 'cannot merge lists without merge key for struct');
  });

  it('takes a replace-strategy map as sent', () => {
    const result = apply({ replacingMap: { name: 'a', value: 'b' } }, { replacingMap: { value: 'c', other: null } });
    assert.deepEqual(result, { replacingMap: { value: 'c', other: null } });
  });

  it('replaces a non-merging list of maps', () => {
    assert.deepEqual(apply({ nonMergingList: [{ name: 1 }, { name: 2 }] }, { nonMergingList: [{ name: 3 }] }), { nonMergingList: [{ name: 3 }] });
  });

  it('merges maps and replaces lists under members the schema does not know', () => {
    const result = apply({ unknown: { a: 1, b: [1, 2] } }, { unknown: { c: 2, b: [3] } });
    assert.deepEqual(result, { unknown: { a: 1, b: [3], c: 2 } });
    assert.deepEqual(applyStrategicMergePatch({ l: [1] }, { l: [2] }, undefined), { l: [2] });
  });

  it('fails on a patch strategy of two parts without retainKeys', () => {
    assertFails({ oddStrategy: [1] }, { oddStrategy: [2] }, 'Unclassified', 'unexpected patch strategy: [merge replace]');
  });

  it('fails on a list of lists', () => {
    assertFails({ mergingIntList: [[1]] }, { mergingIntList: [[2]] }, 'Invalid', 'lists of lists are not supported');
  });

  it('fails on elements of different types', () => {
    assertFails({ mergingIntList: [1, 2] }, { mergingIntList: ['a'] }, 'Unclassified', 'list element types are not identical: [[1 2] [a]]');
  });

  it('merges nested merging lists of matched elements', () => {
    const original = { mergingList: [{ name: 1, mergingList: [{ name: 'x', value: 1 }, { name: 'y' }] }] };
    const result = apply(original, { mergingList: [{ name: 1, mergingList: [{ name: 'x', value: 2 }] }] });
    assert.deepEqual(result, { mergingList: [{ name: 1, mergingList: [{ name: 'x', value: 2 }, { name: 'y' }] }] });
  });
});

describe('strategic merge: $retainKeys', () => {
  it('clears the keys it does not list and merges the rest', () => {
    const result = apply({ retainingMap: { name: 'a', value: 'b', simpleMap: { k: 'v' } } }, { retainingMap: { $retainKeys: ['name', 'simpleMap'], simpleMap: { l: 'w' } } });
    assert.deepEqual(result, { retainingMap: { name: 'a', simpleMap: { k: 'v', l: 'w' } } });
  });

  it('allows nulls and the other directives for keys it does not list', () => {
    const original = { retainingMap: { name: 'a', value: 'b', mergingIntList: [1, 2] } };
    const result = apply(original, { retainingMap: { $retainKeys: ['name'], value: null, '$deleteFromPrimitiveList/mergingIntList': [1] } });
    assert.deepEqual(result, { retainingMap: { name: 'a' } });
  });

  it('fails when the patch sets a key it does not list', () => {
    assertFails({ retainingMap: { name: 'a' } }, { retainingMap: { $retainKeys: ['name'], value: 'x' } }, 'BadRequest', 'invalid patch format of retainKeys');
  });

  it('fails when it is not a list', () => {
    assertFails({ retainingMap: { name: 'a' } }, { retainingMap: { $retainKeys: 'name' } }, 'BadRequest', 'invalid patch format of retainKeys');
  });

  it('applies in a merging list element', () => {
    const result = apply({ mergingList: [{ name: 1, value: 'v', simpleMap: { a: '1' } }] }, { mergingList: [{ name: 1, $retainKeys: ['name', 'value'], value: 'w' }] });
    assert.deepEqual(result, { mergingList: [{ name: 1, value: 'w' }] });
  });
});

describe('strategic merge: $deleteFromPrimitiveList', () => {
  it('removes every occurrence of the listed values', () => {
    assert.deepEqual(apply({ mergingIntList: [1, 2, 1, 3] }, { '$deleteFromPrimitiveList/mergingIntList': [1, 3] }), { mergingIntList: [2] });
  });

  it('fails on a key that is not $deleteFromPrimitiveList/<field>', () => {
    assertFails({ mergingIntList: [1] }, { $deleteFromPrimitiveListmergingIntList: [1] }, 'BadRequest', 'invalid patch format of primitive list');
  });

  it('deletes the list itself when set to null, as upstream does', () => {
    assert.deepEqual(apply({ mergingIntList: [1], name: 'n' }, { '$deleteFromPrimitiveList/mergingIntList': null }), { name: 'n' });
  });
});

describe('strategic merge: $setElementOrder', () => {
  it('puts the listed elements in its order and places server-only ones by the original order', () => {
    const original = { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] };
    const result = apply(original, { '$setElementOrder/mergingList': [{ name: 3 }, { name: 1 }], mergingList: [{ name: 3, value: 'c' }] });
    // 2 came before 3 in the original, so it goes before 3 (and so before 1).
    assert.deepEqual(result, { mergingList: [{ name: 2, value: 'b' }, { name: 3, value: 'c' }, { name: 1 }] });
    const later = apply({ mergingList: [{ name: 1 }, { name: 2 }, { name: 3 }] }, { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }] });
    assert.deepEqual(later, { mergingList: [{ name: 1 }, { name: 2 }, { name: 3 }] });
  });

  it('ignores elements it names that are in neither list', () => {
    const result = apply({ mergingList: [{ name: 1 }, { name: 3 }] }, {
      '$setElementOrder/mergingList': [{ name: 3 }, { name: 2 }, { name: 1 }],
      mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }],
    });
    assert.deepEqual(result, { mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] });
    assert.deepEqual(apply({ mergingIntList: [1, 3] }, { '$setElementOrder/mergingIntList': [3, 2, 1] }), { mergingIntList: [3, 1] });
  });

  it('orders the server-only elements by the list as the merge left it (upstream shares the memory)', () => {
    const original = { mergingList: [{ name: 1, value: 'a' }, { name: 4, value: 'c' }] };
    const result = apply(original, {
      '$setElementOrder/mergingList': [{ name: 2 }, { name: 3 }],
      mergingList: [{ name: 2 }, { name: 3 }, { name: 1, $patch: 'delete' }],
    });
    assert.deepEqual(result, { mergingList: [{ name: 4, value: 'c' }, { name: 2 }, { name: 3 }] });
  });

  it('sets a list the original does not have, without its directive elements', () => {
    const result = apply({}, { '$setElementOrder/mergingList': [{ name: 2 }, { name: 1 }], mergingList: [{ name: 2 }, { name: 1 }, { name: 9, $patch: 'delete' }] });
    assert.deepEqual(result, { mergingList: [{ name: 2 }, { name: 1 }] });
  });

  it('fails when the patch list is not in its order', () => {
    const patch = { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] };
    const message = 'The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn\'t match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n';
    assertFails({ mergingList: [{ name: 1 }, { name: 3 }, { name: 2 }] }, patch, 'Unclassified', message);
  });

  it('fails when an element lacks the merge key', () => {
    assertFails({ mergingList: [{ name: 1 }, { name: 2 }] }, { '$setElementOrder/mergingList': [{ name: 1 }, { value: 2 }] }, 'Unclassified', 'map: map[value:2] does not contain declared merge key: name');
  });

  it('fails when it is not a list', () => {
    assertFails({ mergingList: [{ name: 1 }] }, { '$setElementOrder/mergingList': 'name' }, 'Unclassified', 'expected a []interface {}, but received a string');
  });

  it('fails on a key that is not $setElementOrder/<field>', () => {
    assertFails({ mergingList: [{ name: 1 }] }, { '$setElementOrder-mergingList': [] }, 'BadRequest', 'invalid patch format of setElementOrder list');
  });

  it('fails when the list it orders is not a list', () => {
    assertFails({ mergingList: { name: 1 } }, { '$setElementOrder/mergingList': [{ name: 1 }] }, 'Unclassified', 'expected a []interface {}, but received a map[string]interface {}');
  });
});

describe('strategic merge: the patch body', () => {
  it('fails when the patch is not an object', () => {
    assertFails({}, [], 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}');
    assertFails({}, 'x', 'BadRequest', 'json: cannot unmarshal string into Go value of type map[string]interface {}');
  });
});
