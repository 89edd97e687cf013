// The failures of strategic merge patch, with upstream's messages
// (k8s.io/apimachinery/pkg/util/mergepatch/errors.go and strategicpatch/patch.go) and the
// answer upstream's API server gives for each (see errors.ts).

import { PatchError } from './errors.js';
import { goFormat, goTypeName } from './go-values.js';
import type { JsonObject, JsonValue } from './json-value.js';

export function badPatchFormatForPrimitiveList(): PatchError {
  return new PatchError('BadRequest', 'invalid patch format of primitive list');
}

export function badPatchFormatForRetainKeys(): PatchError {
  return new PatchError('BadRequest', 'invalid patch format of retainKeys');
}

export function badPatchFormatForSetElementOrderList(): PatchError {
  return new PatchError('BadRequest', 'invalid patch format of setElementOrder list');
}

export function noListOfLists(): PatchError {
  return new PatchError('Invalid', 'lists of lists are not supported');
}

/** An element of a merging list (or of `$setElementOrder`) without the merge key. */
export function noMergeKey(element: JsonObject, mergeKey: string): PatchError {
  return new PatchError('Unclassified', `map: ${goFormat(element)} does not contain declared merge key: ${mergeKey}`);
}

/** A value of another type where a map or a list was needed. */
export function badArgType(expected: 'map' | 'slice', actual: JsonValue | undefined): PatchError {
  const wanted = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return new PatchError('Unclassified', `expected a ${wanted}, but received a ${goTypeName(actual)}`);
}

/** A `$patch` value the position does not accept. */
export function badPatchType(directive: JsonValue | undefined, element: JsonObject): PatchError {
  return new PatchError('Unclassified', `unknown patch type: ${goFormat(directive, 's')} in map: ${goFormat(element)}`);
}

export function unclassified(message: string): PatchError {
  return new PatchError('Unclassified', message);
}
