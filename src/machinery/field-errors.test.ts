import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregateMessage, duplicate, FieldPath, forbidden, internalError, invalid, notFound, notSupported,
  pathString, required, root, tooLong, tooMany, typeInvalid,
} from './field-errors.js';

test('paths print as upstream: dots for fields, brackets for indexes and keys', () => {
  const p = root('root').child('first', 'second').index(0).child('third').index(93);
  assert.equal(p.toString(), 'root.first.second[0].third[93]');
  assert.equal(root('spec').child('containers').index(0).key('x').toString(), 'spec.containers[0][x]');
  assert.equal(FieldPath.root('metadata', 'labels').key('app.kubernetes.io/name').toString(), 'metadata.labels[app.kubernetes.io/name]');
  assert.equal(pathString(undefined), '<nil>');
});

const at = root('path', 'to', 'field');

test('messages match upstream ErrorBody/Error formats', () => {
  const cases: [string, string][] = [
    [required(at, 'the details').message, 'path.to.field: Required value: the details'],
    [required(at).message, 'path.to.field: Required value'],
    [forbidden(at, 'the details').message, 'path.to.field: Forbidden: the details'],
    [tooLong(at, 1).message, 'path.to.field: Too long: may not be more than 1 byte'],
    [tooLong(at, 2).message, 'path.to.field: Too long: may not be more than 2 bytes'],
    [tooLong(at, -1).message, 'path.to.field: Too long: value is too long'],
    [tooMany(at, 2, 1).message, 'path.to.field: Too many: 2: must have at most 1 item'],
    [tooMany(at, 3, 2).message, 'path.to.field: Too many: 3: must have at most 2 items'],
    [tooMany(at, 2, -1).message, 'path.to.field: Too many: 2: has too many items'],
    [tooMany(at, -1, 1).message, 'path.to.field: Too many: must have at most 1 item'],
    [internalError(at, new Error('the error')).message, 'path.to.field: Internal error: the error'],
    [invalid(at, 'the value', 'the details').message, 'path.to.field: Invalid value: "the value": the details'],
    [invalid(at, -42, 'the details').message, 'path.to.field: Invalid value: -42: the details'],
    [invalid(at, true, 'the details').message, 'path.to.field: Invalid value: true: the details'],
    [invalid(at, ['one', 'two', 'three'], 'the details').message, 'path.to.field: Invalid value: ["one","two","three"]: the details'],
    [invalid(at, null, 'the details').message, 'path.to.field: Invalid value: null: the details'],
    [notFound(at, 'the value').message, 'path.to.field: Not found: "the value"'],
    [notSupported(at, 'the value', ['val1', 'val2']).message, 'path.to.field: Unsupported value: "the value": supported values: "val1", "val2"'],
    [notSupported(at, 'x', []).message, 'path.to.field: Unsupported value: "x"'],
    [duplicate(at, 'the value').message, 'path.to.field: Duplicate value: "the value"'],
    [typeInvalid(at, 'x', 'must be of type integer').message, 'path.to.field: Invalid value: "x": must be of type integer'],
    [invalid(root('spec', 'replicas'), -1, 'must be greater than or equal to 0').message,
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

test('reason, field and body are what a Status cause carries', () => {
  const e = required(root('spec').child('containers').index(0).child('name'));
  assert.equal(e.reason, 'FieldValueRequired');
  assert.equal(e.field, 'spec.containers[0].name');
  assert.equal(e.body, 'Required value');
  assert.equal(tooLong(at, 63).reason, 'FieldValueTooLong');
  assert.equal(internalError(at, 'x').reason, 'InternalError');
});

test('aggregateMessage: none, one bare, several bracketed, duplicates dropped', () => {
  const a = invalid(root('f'), 'v', 'd');
  const b = internalError(root(''), new Error('e'));
  assert.equal(aggregateMessage([]), undefined);
  assert.equal(aggregateMessage([a]), 'f: Invalid value: "v": d');
  assert.equal(aggregateMessage([a, invalid(root('f'), 'v', 'd')]), 'f: Invalid value: "v": d');
  assert.equal(aggregateMessage([a, b]), '[f: Invalid value: "v": d, []: Internal error: e]');
  // (An empty root name prints as "[]" upstream too.)
});
