// Strategic merge patch (application/strategic-merge-patch+json) as upstream's API
// server applies it (k8s.io/apimachinery/pkg/util/strategicpatch, StrategicMergeMapPatch):
// a JSON merge patch whose lists merge by the patch strategy and merge key of their
// field, steered by directives:
//
//   $patch: replace | delete           on a map: the map becomes the rest of the patch / {}
//   {<key>: v, $patch: delete}         in a merging list: removes the elements with that key
//   {$patch: replace}                  in a merging list: the other patch elements are the list
//   $deleteFromPrimitiveList/<f>: [..] removes those values from the primitive list f
//   $setElementOrder/<f>: [..]         the order of the merged list f
//   $retainKeys: [..]                  the map keeps only these keys
//
// Members are processed in sorted key order, so `$deleteFromPrimitiveList/f` runs before
// `f` (upstream iterates a Go map, whose order varies; sorted is what kubectl's own
// patches, serialised with sorted keys, read as).

import { PatchError } from './errors.js';
import { compareGoStrings } from '../go-format.js';
import { goKind } from './go-values.js';
import { cloneJson, getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';
import { lookupPatchMeta, type PatchSchema } from './schema.js';
import {
  applyRetainKeys,
  deleteFromPrimitiveListPrefix,
  directiveField,
  directiveMarker,
  discardNulls,
  removeDirectives,
} from './strategic-directives.js';
import { applyElementOrders } from './strategic-element-order.js';
import { badPatchType } from './strategic-errors.js';
import { mergeListMember } from './strategic-lists.js';

/**
 * Applies the strategic merge patch `patch` (the parsed request body) to `original` (a
 * parsed JSON object),
 * reading patch strategies and merge keys from `schema` (undefined: none anywhere).
 * Never modifies `original`, `patch` or the schema; the result shares nothing with them.
 * A null patch changes nothing. Throws PatchError when the patch is not an object or
 * cannot be applied; its `failure` says how the API server answers (see errors.ts).
 */
export function applyStrategicMergePatch(original: object, patch: unknown, schema: PatchSchema | undefined): JsonObject {
  if (patch === null) return cloneJson(original as JsonObject);
  if (!isJsonObject(patch)) {
    const kind = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    throw new PatchError('BadRequest', `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
  }
  return mergeMaps(cloneJson(original as JsonObject), cloneJson(patch), schema);
}

/** Merges `patch` into `original` (both modified) and returns the result. */
function mergeMaps(original: JsonObject, patch: JsonObject, schema: PatchSchema | undefined): JsonObject {
  if (Object.hasOwn(patch, directiveMarker)) return applyMapDirective(patch);
  applyRetainKeys(original, patch);
  applyElementOrders(original, patch, schema, mergeMaps);
  for (const key of Object.keys(patch).sort(compareGoStrings)) {
    mergeMember(original, key, patch[key] as JsonValue, schema);
  }
  return original;
}

function applyMapDirective(patch: JsonObject): JsonObject {
  const directive = getOwn(patch, directiveMarker);
  if (directive === 'delete') return {};
  if (directive !== 'replace') throw badPatchType(directive, patch);
  // The rest of the patch is taken as it is, directives and nulls inside it included.
  delete patch[directiveMarker];
  return patch;
}

function mergeMember(original: JsonObject, key: string, value: JsonValue, schema: PatchSchema | undefined): void {
  let field = key;
  let isDeleteList = false;
  if (key.startsWith(deleteFromPrimitiveListPrefix)) {
    field = directiveField(key, deleteFromPrimitiveListPrefix) || key;
    isDeleteList = true;
  }
  if (value === null) {
    delete original[field];
    return;
  }
  const current = getOwn(original, field);
  if (current === undefined || goKind(current) !== goKind(value)) {
    // Nothing to merge with: a deletion list has nothing to delete from; anything else is set.
    if (!isDeleteList) setCleaned(original, field, value);
    return;
  }
  if (isJsonObject(current)) {
    const meta = lookupPatchMeta(schema, field);
    setOwn(original, field, meta.strategy === 'replace' ? value : mergeMaps(current, value as JsonObject, meta.schema));
  } else if (Array.isArray(current)) {
    const meta = lookupPatchMeta(schema, field);
    setOwn(original, field, mergeListMember(current, value as JsonValue[], meta, isDeleteList, mergeMaps).merged);
  } else {
    setOwn(original, field, value);
  }
}

/** Sets `field` to `value` without its nulls and directive-carrying maps (or removes it). */
function setCleaned(original: JsonObject, field: string, value: JsonValue): void {
  discardNulls(value);
  const cleaned = removeDirectives(value);
  if (cleaned.keep) setOwn(original, field, cleaned.value);
  else delete original[field];
}
