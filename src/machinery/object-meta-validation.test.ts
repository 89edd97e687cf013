import { test } from 'node:test';
import assert from 'node:assert/strict';
import { root } from './field-errors.js';
import type { ObjectMeta } from './meta.js';
import { nameIsDNSSubdomain } from './name-validation.js';
import {
  validateAnnotations, validateFinalizers, validateImmutableField, validateLabels, validateObjectMeta,
  validateObjectMetaUpdate, validateOwnerReferences,
} from './object-meta-validation.js';

const meta = root('metadata');
const messages = (errs: { message: string }[]): string[] => errs.map((e) => e.message);

test('a valid namespaced object has no errors', () => {
  const m: ObjectMeta = { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'example.com/x': 'y' } };
  assert.deepEqual(validateObjectMeta(m, true, nameIsDNSSubdomain, meta), []);
});

test('name, namespace and generateName errors', () => {
  assert.deepEqual(messages(validateObjectMeta({ namespace: 'default' }, true, nameIsDNSSubdomain, meta)),
    ['metadata.name: Required value: name or generateName is required']);
  assert.deepEqual(messages(validateObjectMeta({ name: 'x' }, true, nameIsDNSSubdomain, meta)), ['metadata.namespace: Required value']);
  assert.deepEqual(messages(validateObjectMeta({ name: 'x', namespace: 'ns' }, false, nameIsDNSSubdomain, meta)),
    ['metadata.namespace: Forbidden: not allowed on this type']);
  const bad = validateObjectMeta({ name: 'Web', namespace: 'a.b', generateName: 'Web-' }, true, nameIsDNSSubdomain, meta);
  assert.deepEqual(bad.map((e) => [e.field, e.reason]), [
    ['metadata.generateName', 'FieldValueInvalid'],
    ['metadata.name', 'FieldValueInvalid'],
    ['metadata.namespace', 'FieldValueInvalid'],
  ]);
  assert.equal(bad[2]!.message, 'metadata.namespace: Invalid value: "a.b": must not contain dots');
  assert.equal(messages(validateObjectMeta({ name: 'x', generation: -1 }, false, nameIsDNSSubdomain, meta))[0],
    'metadata.generation: Invalid value: -1: must be greater than or equal to 0');
});

test('labels: errors at the labels path, key and value checked', () => {
  const errs = validateLabels({ 'bad key': 'ok', good: '-bad' }, meta.child('labels'));
  assert.equal(errs.length, 2);
  assert.ok(errs.every((e) => e.field === 'metadata.labels'));
  assert.match(errs[0]!.message, /^metadata\.labels: Invalid value: "bad key": name part must consist of/);
  assert.match(errs[1]!.message, /^metadata\.labels: Invalid value: "-bad": a valid label must be an empty string/);
});

test('annotations: keys any case, total size at most 256 KiB', () => {
  const path = meta.child('annotations');
  assert.deepEqual(validateAnnotations({ 'Example.com/Key': 'x' }, path), []);
  assert.deepEqual(messages(validateAnnotations({ a: 'x'.repeat(256 * 1024) }, path)),
    ['metadata.annotations: Too long: may not be more than 262144 bytes']);
  assert.deepEqual(validateAnnotations({ a: 'x'.repeat(256 * 1024 - 1) }, path), []);
});

test('owner references: required parts, Event owners, one controller', () => {
  const path = meta.child('ownerReferences');
  assert.deepEqual(messages(validateOwnerReferences([{ apiVersion: '', kind: '', name: '', uid: '' }], path)), [
    'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
    'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
    'metadata.ownerReferences.name: Invalid value: "": must not be empty',
    'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
  ]);
  assert.deepEqual(messages(validateOwnerReferences([{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }], path)), [
    'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
  ]);
  const two = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
  ];
  const errs = validateOwnerReferences(two, path);
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.detail, 'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b');
});

test('finalizers: qualified names, orphan and foregroundDeletion exclusive', () => {
  const path = meta.child('finalizers');
  assert.deepEqual(validateFinalizers(['kubernetes.io/pv-protection'], path), []);
  assert.deepEqual(messages(validateFinalizers(['orphan', 'foregroundDeletion'], path)), [
    'metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
  ]);
});

test('update: immutable identity, resourceVersion required, no new finalizers while deleting', () => {
  const old: ObjectMeta = { name: 'a', namespace: 'ns', uid: 'u1', resourceVersion: '5', generation: 2, creationTimestamp: '2026-01-01T00:00:00Z' };
  assert.deepEqual(validateObjectMetaUpdate({ ...old }, old, meta), []);
  assert.deepEqual(messages(validateObjectMetaUpdate({ ...old, uid: 'u2', resourceVersion: '', generation: 1 }, old, meta)), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.generation: Invalid value: 1: must not be decremented',
    'metadata.uid: Invalid value: "u2": field is immutable',
  ]);
  assert.deepEqual(messages(validateObjectMetaUpdate({ ...old, creationTimestamp: undefined }, old, meta)),
    ['metadata.creationTimestamp: Invalid value: null: field is immutable']);
  const deleting = { ...old, deletionTimestamp: '2026-01-02T00:00:00Z', finalizers: ['a/x'] };
  assert.deepEqual(messages(validateObjectMetaUpdate({ ...deleting, finalizers: ['a/x', 'b/y', 'a/z'] }, deleting, meta)), [
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a/z", "b/y"}',
  ]);
  assert.deepEqual(validateImmutableField(['a'], ['a'], root('spec', 'x')), []);
});
