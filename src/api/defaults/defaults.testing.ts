// Test helper: applies a defaulter, checks that applying it again changes nothing (every
// defaulter runs again on each update), and returns the defaulted object.

import assert from 'node:assert/strict';
import type { JsonObject } from './json.js';

export function defaulted(defaulter: (obj: JsonObject) => void, input: JsonObject): JsonObject {
  const obj = structuredClone(input);
  defaulter(obj);
  const again = structuredClone(obj);
  defaulter(again);
  assert.deepEqual(again, obj, 'defaulting twice differs from defaulting once');
  return obj;
}
