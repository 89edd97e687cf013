// Small accessors for defaulting plain JSON objects the way upstream's Go defaulters see
// their structs: a missing key and a JSON null are both Go's nil (a pointer, slice or map
// not set), and for non-pointer scalars the empty string and zero count as unset too.
// Values of the wrong JSON type are left alone: validation reports them.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's nil: the key is absent or null. */
export function isUnset(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** Go's zero value of a non-pointer scalar: unset, "" or 0. */
export function isZero(value: unknown): boolean {
  return isUnset(value) || value === '' || value === 0;
}

/** Go's `len(x) == 0` for a slice or map: unset, [] or {}. */
export function isEmpty(value: unknown): boolean {
  if (isUnset(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/** Sets a pointer field (`if x == nil`). `make` builds a fresh value for each object. */
export function defaultUnset(obj: JsonObject, key: string, make: () => unknown): void {
  if (isUnset(obj[key])) obj[key] = make();
}

/** Sets a non-pointer scalar field (`if x == ""` / `if x == 0`). */
export function defaultZero(obj: JsonObject, key: string, value: string | number): void {
  if (isZero(obj[key])) obj[key] = value;
}

/** The object under `key`, when there is one. */
export function child(obj: JsonObject, key: string): JsonObject | undefined {
  const value = obj[key];
  return isObject(value) ? value : undefined;
}

/**
 * The object under `key`, created empty when unset: a non-pointer struct field, which Go
 * always has. A value of another type is left for validation and a detached object is
 * returned, so defaulting it changes nothing.
 */
export function ensureChild(obj: JsonObject, key: string): JsonObject {
  const value = obj[key];
  if (isObject(value)) return value;
  const created: JsonObject = {};
  if (isUnset(value)) obj[key] = created;
  return created;
}

/** The objects in the list under `key` (other elements are skipped). */
export function items(obj: JsonObject | undefined, key: string): JsonObject[] {
  const value = obj?.[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Runs `fn` on the object under `key`, if there is one. */
export function withChild(obj: JsonObject | undefined, key: string, fn: (value: JsonObject) => void): void {
  const value = obj === undefined ? undefined : child(obj, key);
  if (value !== undefined) fn(value);
}

/** The string under `key`, or '' (Go's zero value) for anything else. */
export function stringField(obj: JsonObject | undefined, key: string): string {
  const value = obj?.[key];
  return typeof value === 'string' ? value : '';
}
