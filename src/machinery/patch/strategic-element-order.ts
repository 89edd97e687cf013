// `$setElementOrder/<field>`: merges the patch's list `<field>` (if any) into the
// original's and then orders the result: elements the directive names in its order,
// the server's other elements placed by their original order. kubectl apply sends it
// with every merging list so that the live list follows the order of the file.

import { compareGoStrings } from '../go-format.js';
import { goFormat } from './go-values.js';
import { getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';
import { lookupPatchMeta, type PatchSchema } from './schema.js';
import { directiveField, directiveMarker, hasDirectiveMarker, removeDirectives, setElementOrderPrefix } from './strategic-directives.js';
import { badArgType, noMergeKey, unclassified } from './strategic-errors.js';
import { elementKind, mergeListMember, type MergeMaps } from './strategic-lists.js';
import { normalizeElementOrder, partitionMaps, partitionScalars, scalarEqual } from './strategic-order.js';

/**
 * Handles every `$setElementOrder/…` key of `patch`: sets the ordered list in `original`
 * and removes the directive and the list it ordered from `patch`.
 * Throws PatchError when the directive is malformed or contradicts the patch's list.
 */
export function applyElementOrders(original: JsonObject, patch: JsonObject, schema: PatchSchema | undefined, mergeMaps: MergeMaps): void {
  const keys = Object.keys(patch)
    .filter((key) => key.startsWith(setElementOrderPrefix))
    .sort(compareGoStrings);
  for (const key of keys) {
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('slice', order);
    const field = directiveField(key, setElementOrderPrefix);
    const ordered = orderField(original, patch, field, order, schema, mergeMaps);
    if (ordered !== undefined) setOwn(original, field, ordered);
    delete patch[field];
  }
}

function orderField(
  original: JsonObject,
  patch: JsonObject,
  field: string,
  order: JsonValue[],
  schema: PatchSchema | undefined,
  mergeMaps: MergeMaps,
): JsonValue[] | undefined {
  const originalList = listMember(original, field);
  const patchList = listMember(patch, field);
  const meta = lookupPatchMeta(schema, field);
  checkOrderMatchesPatch(patchList ?? [], order, meta.mergeKey);
  let merged: JsonValue[];
  let serverOrder = originalList ?? [];
  if (originalList !== undefined && patchList !== undefined) {
    ({ merged, originalView: serverOrder } = mergeListMember(originalList, patchList, meta, false, mergeMaps));
  } else if (originalList !== undefined) {
    merged = originalList;
  } else if (patchList !== undefined) {
    merged = removeDirectives([...patchList]).value as JsonValue[];
  } else {
    return undefined;
  }
  const [named, serverOnly] = meta.mergeKey === '' ? partitionScalars(merged, order) : partitionMaps(merged, order, meta.mergeKey);
  const kind = elementKind([originalList ?? [], patchList ?? []]);
  return normalizeElementOrder(named, serverOnly, order, serverOrder, { kind, mergeKey: meta.mergeKey });
}

/** The list member `field`, undefined when absent. Throws PatchError when it is not a list. */
function listMember(object: JsonObject, field: string): JsonValue[] | undefined {
  const value = getOwn(object, field);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badArgType('slice', value);
  return value;
}

/**
 * The patch's elements (deletions and other `$patch` elements aside) must appear in the
 * directive, in the same relative order. Throws PatchError otherwise.
 */
function checkOrderMatchesPatch(patchList: JsonValue[], order: JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let candidates = patchList;
  if (mergeKey !== '') {
    requireMaps(patchList);
    candidates = patchList.filter((item) => getOwn(item as JsonObject, directiveMarker) !== 'delete');
  }
  let p = 0;
  let o = 0;
  while (p < candidates.length && o < order.length) {
    const element = candidates[p] as JsonValue;
    if (hasDirectiveMarker(element)) {
      p++;
      continue;
    }
    if (sameElement(element, order[o] as JsonValue, mergeKey)) p++;
    o++;
  }
  if (p < candidates.length) {
    throw unclassified(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat(order)}\n`,
    );
  }
}

function requireMaps(list: JsonValue[]): void {
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
  }
}

function sameElement(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return scalarEqual(left, right);
  requireMaps([left, right]);
  const [l, r] = [left as JsonObject, right as JsonObject];
  if (!Object.hasOwn(l, mergeKey)) throw noMergeKey(l, mergeKey);
  if (!Object.hasOwn(r, mergeKey)) throw noMergeKey(r, mergeKey);
  return scalarEqual(l[mergeKey], r[mergeKey]);
}
