// JSON merge patch (RFC 7386, application/merge-patch+json) as upstream's API server
// applies it through gopkg.in/evanphx/json-patch.v4: objects merge key by key, null
// deletes a key, anything else (arrays included) replaces. Like that library, and unlike
// the RFC's letter, nulls are also pruned from objects inside a patch array when the
// array is added or replaces a scalar, and an array patch replaces the whole document.

import { PatchError } from './errors.js';
import { cloneJson, getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';

/**
 * Applies the merge patch `patch` (the parsed request body) to `document` (parsed JSON).
 * Never modifies either argument; the result shares nothing with them.
 * Throws PatchError (BadRequest, "Invalid JSON Patch") when the patch is null or a scalar,
 * and (BadRequest, "Invalid JSON Document") when the document is null.
 */
export function applyMergePatch(document: object | null, patch: unknown): JsonValue {
  if (document === null) throw new PatchError('BadRequest', 'Invalid JSON Document');
  if (Array.isArray(patch)) return pruneNulls(cloneJson(patch as JsonValue[]));
  if (!isJsonObject(patch)) throw new PatchError('BadRequest', 'Invalid JSON Patch');
  const changes = cloneJson(patch);
  if (!isJsonObject(document)) return pruneNulls(changes);
  const result = cloneJson(document);
  mergeObjects(result, changes);
  return result;
}

function mergeObjects(target: JsonObject, patch: JsonObject): void {
  for (const key of Object.keys(patch)) {
    const value = patch[key] as JsonValue;
    const current = getOwn(target, key);
    if (value === null) {
      delete target[key];
    } else if (current === undefined || current === null || !isJsonObject(current)) {
      setOwn(target, key, pruneNulls(value));
    } else if (isJsonObject(value)) {
      mergeObjects(current, value);
    } else {
      // An object replaced by a non-object: upstream keeps the value as sent.
      setOwn(target, key, value);
    }
  }
}

/** Removes null members from every object in `value`, recursively; array elements stay. */
function pruneNulls<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) pruneNulls(item);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else pruneNulls(value[key] as JsonValue);
    }
  }
  return value;
}
