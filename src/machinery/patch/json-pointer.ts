// JSON pointers (RFC 6901) as JSON patch resolves them: the parent container of the
// last token, and the four things an operation does there. Behaviour and messages follow
// gopkg.in/evanphx/json-patch.v4, which upstream's API server uses, quirks included:
// negative array indices count from the end, a missing object key reads as null, and
// array indices are parsed the way Go's strconv.Atoi parses them ("+1" and "01" are 1).

import { getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';

/** Thrown by the container operations; the JSON patch operation wraps the message in its own. */
export class PointerError extends Error {}

/** The container that holds the value a pointer names, and that value's key in it. */
export interface PointerTarget {
  readonly container: JsonObject | JsonValue[];
  readonly key: string;
}

/** `~1` is `/` and `~0` is `~`, decoded left to right so that `~01` is `~1`. */
export function decodePointerToken(token: string): string {
  return token.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

/**
 * The parent of the value `path` points at, or undefined when a token before the last
 * names nothing, null or a scalar. As upstream, the text before the first `/` is ignored
 * and a path without `/` names nothing.
 */
export function resolveParent(root: JsonObject | JsonValue[], path: string): PointerTarget | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let container: JsonObject | JsonValue[] = root;
  for (const token of tokens.slice(1, -1)) {
    let next: JsonValue | undefined;
    try {
      next = getChild(container, decodePointerToken(token));
    } catch {
      return undefined;
    }
    if (!Array.isArray(next) && !isJsonObject(next)) return undefined;
    container = next;
  }
  return { container, key: decodePointerToken(tokens[tokens.length - 1] ?? '') };
}

/** The value at the target; undefined for a missing object key. Throws for a bad array index. */
export function getChild(container: JsonObject | JsonValue[], key: string): JsonValue | undefined {
  if (!Array.isArray(container)) return getOwn(container, key);
  const index = existingIndex(container, parseGoInt(key));
  return container[index];
}

/** Replaces the value at the target (for objects: sets the key, present or not). */
export function setChild(target: PointerTarget, value: JsonValue): void {
  const { container, key } = target;
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return;
  }
  container[existingIndex(container, parseGoInt(key))] = value;
}

/** Adds at the target: sets an object key, or inserts into an array (`-` appends). */
export function addChild(target: PointerTarget, value: JsonValue): void {
  const { container, key } = target;
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return;
  }
  if (key === '-') {
    container.push(value);
    return;
  }
  let index: number;
  try {
    index = parseGoInt(key);
  } catch (error) {
    throw new PointerError(`value was not a proper array index: '${key}': ${(error as Error).message}`);
  }
  const size = container.length + 1;
  if (index >= size || index < -size) throw invalidIndex(index);
  container.splice(index < 0 ? index + size : index, 0, value);
}

/** Removes the value at the target; a missing object key or a bad index is an error. */
export function removeChild(target: PointerTarget): void {
  const { container, key } = target;
  if (!Array.isArray(container)) {
    if (!Object.hasOwn(container, key)) throw new PointerError(`Unable to remove nonexistent key: ${key}: missing value`);
    delete container[key];
    return;
  }
  const index = parseGoInt(key);
  if (index >= container.length || index < -container.length) throw invalidIndex(index);
  container.splice(index < 0 ? index + container.length : index, 1);
}

function existingIndex(array: JsonValue[], index: number): number {
  if (index < -array.length || index >= array.length) throw invalidIndex(index);
  return index < 0 ? index + array.length : index;
}

function invalidIndex(index: number): PointerError {
  return new PointerError(`Unable to access invalid index: ${index}: invalid index referenced`);
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Go's strconv.Atoi on a 64-bit platform, with its error messages. */
export function parseGoInt(text: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    throw new PointerError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  const value = BigInt(text);
  if (value < int64Min || value > int64Max) {
    throw new PointerError(`strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  }
  return Number(value);
}
