// The directives of strategic merge patch that live beside ordinary keys, and the
// clean-up of directives in values that have nothing to merge with.

import { badPatchFormatForPrimitiveList, badPatchFormatForRetainKeys, badPatchFormatForSetElementOrderList } from './strategic-errors.js';
import { isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';

/** `$patch: replace | delete | merge` on a map or a list element. */
export const directiveMarker = '$patch';
/** `$retainKeys: [names]`: the only keys the map keeps. */
export const retainKeysDirective = '$retainKeys';
/** `$deleteFromPrimitiveList/<field>: [values]`: values to drop from a merging primitive list. */
export const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
/** `$setElementOrder/<field>: [elements]`: the order the merged list takes. */
export const setElementOrderPrefix = '$setElementOrder';

/**
 * The field a `<prefix>/<field>` key names.
 * Throws PatchError (BadRequest) when the key is not `<prefix>/` followed by the field.
 */
export function directiveField(key: string, prefix: typeof deleteFromPrimitiveListPrefix | typeof setElementOrderPrefix): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === deleteFromPrimitiveListPrefix ? badPatchFormatForPrimitiveList() : badPatchFormatForSetElementOrderList();
  }
  return key.slice(slash + 1);
}

/** Whether `value` is a map carrying a `$patch` directive. */
export function hasDirectiveMarker(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && Object.hasOwn(value, directiveMarker);
}

/**
 * Applies and removes `$retainKeys`: `original` loses every key not listed.
 * Throws PatchError (BadRequest) when the directive is not a list, or when the patch
 * sets a key the list leaves out.
 */
export function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, retainKeysDirective)) return;
  const retained = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retained)) throw badPatchFormatForRetainKeys();
  const keep = new Set(retained.filter((name): name is string => typeof name === 'string'));
  for (const key of Object.keys(patch)) {
    if (patch[key] === null || key.startsWith(deleteFromPrimitiveListPrefix) || key.startsWith(setElementOrderPrefix)) continue;
    if (!keep.has(key)) throw badPatchFormatForRetainKeys();
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/**
 * `value` without the maps that carry `$patch` (an element of a list is dropped, a map
 * member is dropped); `keep` is false when `value` itself is such a map. Modifies
 * `value` in place. Other directives (`$retainKeys`, …) are left where they are, as
 * upstream leaves them.
 */
export function removeDirectives(value: JsonValue): { value: JsonValue; keep: boolean } {
  if (Array.isArray(value)) {
    const kept: JsonValue[] = [];
    for (const item of value) {
      const result = removeDirectives(item);
      if (result.keep) kept.push(result.value);
    }
    return { value: kept, keep: true };
  }
  if (!isJsonObject(value)) return { value, keep: true };
  if (Object.hasOwn(value, directiveMarker)) return { value: null, keep: false };
  for (const key of Object.keys(value)) {
    const result = removeDirectives(value[key] as JsonValue);
    if (result.keep) setOwn(value, key, result.value);
    else delete value[key];
  }
  return { value, keep: true };
}

/** Drops null members from every map in `value`, recursively (null list elements stay). */
export function discardNulls(value: JsonValue): void {
  if (Array.isArray(value)) {
    for (const item of value) discardNulls(item);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else discardNulls(value[key] as JsonValue);
    }
  }
}
