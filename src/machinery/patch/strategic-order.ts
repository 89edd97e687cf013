// The order of a merged list. Upstream splits the merged elements into those the patch
// (or `$setElementOrder`) names and those only the server had, sorts the first by the
// patch's order and the second by the original order, and interleaves them: a server
// element goes first only when the original list shows it before the patch element it
// is compared with. So an element new to the list comes before the server's remaining
// elements — a plain patch that adds a container puts it first — while
// `$setElementOrder`, which names every element, places each exactly.

import { badArgType, noMergeKey, unclassified } from './strategic-errors.js';
import { directiveMarker } from './strategic-directives.js';
import type { GoKind } from './go-values.js';
import { getOwn, isJsonObject, type JsonObject, type JsonValue } from './json-value.js';

/** How elements are identified: by `mergeKey` for lists of maps, by value otherwise. */
export interface ElementIdentity {
  readonly kind: GoKind;
  readonly mergeKey: string;
}

/** Go's == on two decoded scalars (a missing member and null are both nil). */
export function scalarEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return a === b || ((a === undefined || a === null) && (b === undefined || b === null));
}

/** The position of `value` in `list`, or -1. */
function indexIn(list: readonly JsonValue[], value: JsonValue, identity: ElementIdentity): number {
  const id = identity.kind === 'map' ? keyOf(value, identity.mergeKey) : value;
  return list.findIndex((item) => scalarEqual(identity.kind === 'map' ? keyOf(item, identity.mergeKey) : item, id));
}

function keyOf(value: JsonValue, mergeKey: string): JsonValue | undefined {
  return isJsonObject(value) ? getOwn(value, mergeKey) : undefined;
}

/** Splits scalars into those `by` contains and the rest, keeping their order. */
export function partitionScalars(list: readonly JsonValue[], by: readonly JsonValue[]): [JsonValue[], JsonValue[]] {
  const inBy: JsonValue[] = [];
  const rest: JsonValue[] = [];
  for (const item of list) (by.some((other) => scalarEqual(other, item)) ? inBy : rest).push(item);
  return [inBy, rest];
}

/**
 * Splits maps into those whose merge key value some map in `by` has, and the rest.
 * Throws PatchError when an element is not a map or lacks the merge key.
 */
export function partitionMaps(list: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const inBy: JsonValue[] = [];
  const rest: JsonValue[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    (findByKey(by, mergeKey, item[mergeKey]) >= 0 ? inBy : rest).push(item);
  }
  return [inBy, rest];
}

/**
 * The index of the first map in `list` whose `mergeKey` member equals `value`, or -1.
 * Throws PatchError when an element before the match is not a map.
 */
export function findByKey(list: readonly JsonValue[], mergeKey: string, value: JsonValue | undefined): number {
  for (const [index, item] of list.entries()) {
    if (!isJsonObject(item)) throw unclassified(`value for key ${index} is not a map`);
    if (Object.hasOwn(item, mergeKey) && scalarEqual(item[mergeKey], value)) return index;
  }
  return -1;
}

/**
 * The elements of `fromPatch` in `patchOrder` and those of `serverOnly` in `serverOrder`,
 * interleaved as the file comment describes.
 */
export function normalizeElementOrder(
  fromPatch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  identity: ElementIdentity,
): JsonValue[] {
  const patchItems = sortByOrder(fromPatch, patchOrder, identity);
  const serverItems = sortByOrder(serverOnly, serverOrder, identity);
  const merged: JsonValue[] = [];
  let s = 0;
  let p = 0;
  while (s < serverItems.length || p < patchItems.length) {
    const server = serverItems[s];
    const fromP = patchItems[p];
    if (fromP === undefined || (server !== undefined && serverGoesFirst(server, fromP, serverOrder, identity))) {
      merged.push(server as JsonValue);
      s++;
    } else {
      merged.push(fromP);
      p++;
    }
  }
  return merged;
}

function serverGoesFirst(server: JsonValue, fromPatch: JsonValue, serverOrder: readonly JsonValue[], identity: ElementIdentity): boolean {
  const s = indexIn(serverOrder, server, identity);
  const p = indexIn(serverOrder, fromPatch, identity);
  return s >= 0 && p >= 0 && s < p;
}

/**
 * `list` stably sorted by position in `order`; for maps, elements marked `$patch: delete`
 * go last. Throws PatchError when a map of either list is not a map or lacks the merge key.
 */
function sortByOrder(list: JsonValue[], order: readonly JsonValue[], identity: ElementIdentity): JsonValue[] {
  let items = list;
  let deletions: JsonValue[] = [];
  if (identity.kind === 'map') {
    requireMergeKey(identity.mergeKey, list);
    requireMergeKey(identity.mergeKey, order);
    items = list.filter((item) => !isDeletion(item));
    deletions = list.filter((item) => isDeletion(item));
  }
  const positioned = items.map((item) => ({ item, at: indexIn(order, item, identity) }));
  // Elements the order does not name keep their place relative to each other.
  positioned.sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0));
  return [...positioned.map(({ item }) => item), ...deletions];
}

function isDeletion(item: JsonValue): boolean {
  return isJsonObject(item) && getOwn(item, directiveMarker) === 'delete';
}

/** Throws PatchError unless every element is a map with the merge key. */
function requireMergeKey(mergeKey: string, list: readonly JsonValue[]): asserts list is JsonObject[] {
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
  }
}
