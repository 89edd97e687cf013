import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTROLLERS, UnknownControllerError, selectControllers } from './registry.js';

const names = (selection: string[]) => selectControllers(selection).map((d) => d.name);

test('* selects every controller; -name removes one, by canonical name or old alias', () => {
  assert.deepEqual(names(['*']), CONTROLLERS.map((c) => c.name));
  assert.ok(!names(['*', '-garbage-collector-controller']).includes('garbage-collector-controller'));
  assert.ok(!names(['*', '-garbagecollector']).includes('garbage-collector-controller'));
});

test('without *, only the named controllers run; the first entry naming one decides', () => {
  assert.deepEqual(names(['replicaset', 'namespace-controller']), ['namespace-controller', 'replicaset-controller']);
  assert.deepEqual(names(['-replicaset', 'replicaset-controller', '*']), names(['*', '-replicaset-controller']));
  assert.deepEqual(names([]), []);
});

test('an unknown name is refused', () => {
  assert.throws(() => selectControllers(['*', '-nope']), UnknownControllerError);
});
