// How strategic merge patch merges a list member that both the original and the patch
// have: replaced, unless its strategy is 'merge' (or the patch member is a
// `$deleteFromPrimitiveList`). Merging lists of scalars is a union (or, for a deletion
// list, a difference); merging lists of maps matches elements by the merge key, applies
// the `$patch` elements, merges matched elements recursively and adds the rest.

import { goFormat, goKind, type GoKind } from './go-values.js';
import { getOwn, type JsonObject, type JsonValue } from './json-value.js';
import type { PatchMeta, PatchSchema } from './schema.js';
import { directiveMarker } from './strategic-directives.js';
import { badPatchType, noListOfLists, noMergeKey, unclassified } from './strategic-errors.js';
import { SharedSlice } from './shared-slice.js';
import { findByKey, normalizeElementOrder, partitionMaps, partitionScalars, scalarEqual, type ElementIdentity } from './strategic-order.js';

/** Merges two maps the way strategic merge patch does (passed in to keep the modules acyclic). */
export type MergeMaps = (original: JsonObject, patch: JsonObject, schema: PatchSchema | undefined) => JsonObject;

/** A merged list member, and what the holder of the original list sees of it afterwards (see shared-slice.ts). */
export interface MergedList {
  readonly merged: JsonValue[];
  readonly originalView: JsonValue[];
}

/** The merged value of a list member; `original` and `patch` may be modified. */
export function mergeListMember(
  original: JsonValue[],
  patch: JsonValue[],
  meta: PatchMeta,
  isDeleteList: boolean,
  mergeMaps: MergeMaps,
): MergedList {
  if (meta.strategy !== 'merge' && !isDeleteList) return { merged: patch, originalView: original };
  if (original.length === 0 && patch.length === 0) return { merged: original, originalView: original };
  const kind = elementKind([original, patch]);
  if (kind !== 'map') return { merged: mergeScalars(original, patch, kind, isDeleteList), originalView: original };
  if (meta.mergeKey === '') throw unclassified('cannot merge lists without merge key for struct');
  return mergeMapsByKey(original as JsonObject[], patch as JsonObject[], meta, mergeMaps);
}

/**
 * The one kind all elements of `lists` share.
 * Throws PatchError when they differ, when they are lists, or when there are none.
 */
export function elementKind(lists: readonly (readonly JsonValue[])[]): GoKind {
  let kind: GoKind | undefined;
  for (const item of lists.flat()) {
    const current = goKind(item);
    if (kind === undefined) {
      if (current === 'slice') throw noListOfLists();
      kind = current;
    } else if (current !== kind) {
      throw unclassified(`list element types are not identical: ${goFormat(lists as JsonValue[][])}`);
    }
  }
  if (kind === undefined) throw unclassified('no elements in any of the given slices');
  return kind;
}

function mergeScalars(original: JsonValue[], patch: JsonValue[], kind: GoKind, isDeleteList: boolean): JsonValue[] {
  if (isDeleteList) return original.filter((item) => !patch.some((gone) => scalarEqual(gone, item)));
  const union: JsonValue[] = [];
  for (const item of [...original, ...patch]) {
    if (!union.some((seen) => scalarEqual(seen, item))) union.push(item);
  }
  const [fromPatch, serverOnly] = partitionScalars(union, patch);
  return normalizeElementOrder(fromPatch, serverOnly, patch, original, { kind, mergeKey: '' });
}

function mergeMapsByKey(original: JsonObject[], patch: JsonObject[], meta: PatchMeta, mergeMaps: MergeMaps): MergedList {
  const { mergeKey } = meta;
  const list = new SharedSlice(original);
  const ordinary = applySpecialElements(list, patch, mergeKey);
  const base = [...list.items];
  const elementSchema = meta.schema?.elements();
  for (const element of ordinary) {
    if (!Object.hasOwn(element, mergeKey)) throw noMergeKey(element, mergeKey);
    const index = findByKey(list.items, mergeKey, element[mergeKey]);
    // A new element is added as sent, nested directives and nulls included, as upstream does.
    if (index < 0) list.push(element);
    else list.set(index, mergeMaps(list.items[index] as JsonObject, element, elementSchema));
  }
  const identity: ElementIdentity = { kind: 'map', mergeKey };
  const [fromPatch, serverOnly] = partitionMaps(list.items, ordinary, mergeKey);
  const merged = normalizeElementOrder(fromPatch, serverOnly, ordinary, base, identity);
  return { merged, originalView: list.originalView };
}

/**
 * Applies the elements that carry `$patch` to `list`: `delete` removes every element
 * with that merge key value; `replace` makes the other patch elements the whole list.
 * Returns the patch elements left to merge.
 */
function applySpecialElements(list: SharedSlice<JsonObject>, patch: JsonObject[], mergeKey: string): JsonObject[] {
  const ordinary: JsonObject[] = [];
  let replace = false;
  for (const element of patch) {
    if (!Object.hasOwn(element, directiveMarker)) {
      ordinary.push(element);
      continue;
    }
    const directive = getOwn(element, directiveMarker);
    if (directive === 'delete') {
      if (!Object.hasOwn(element, mergeKey)) throw noMergeKey(element, mergeKey);
      removeMatching(list, mergeKey, element[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw unclassified('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, element);
    }
  }
  if (!replace) return ordinary;
  list.replaceAll(ordinary);
  return [];
}

function removeMatching(list: SharedSlice<JsonObject>, mergeKey: string, value: JsonValue | undefined): void {
  for (let index = findByKey(list.items, mergeKey, value); index >= 0; index = findByKey(list.items, mergeKey, value)) {
    list.removeAt(index);
  }
}
