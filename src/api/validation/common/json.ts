// Read-only accessors for validating plain JSON objects the way upstream's validators see
// their Go structs. By the time validation runs, the typed decoding of the request has
// checked every JSON type, so a value of the wrong type only reaches these functions from
// callers inside kubets; it reads as Go's zero value (absent) rather than throwing.

/** A JSON object. */
export type Json = Record<string, unknown>;

/** `value` when it is a JSON object (not null, not a list). */
export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The object under `key` (Go: a non-nil pointer to a struct), or undefined. */
export function obj(o: Json | undefined, key: string): Json | undefined {
  return asObject(o?.[key]);
}

/** The object under `key`, or an empty one: a non-pointer struct field, which Go always has. */
export function objOrEmpty(o: Json | undefined, key: string): Json {
  return obj(o, key) ?? {};
}

/** The string under `key`, or '' (Go's zero value). */
export function str(o: Json | undefined, key: string): string {
  const v = o?.[key];
  return typeof v === 'string' ? v : '';
}

/** The string under `key` when set (Go: a non-nil *string). */
export function optStr(o: Json | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** The number under `key` when set (Go: a non-nil *int32 / *int64). */
export function optNum(o: Json | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' ? v : undefined;
}

/** The number under `key`, or 0 (Go's zero value). */
export function num(o: Json | undefined, key: string): number {
  return optNum(o, key) ?? 0;
}

/** The boolean under `key` when set (Go: a non-nil *bool). */
export function optBool(o: Json | undefined, key: string): boolean | undefined {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** The boolean under `key`, or false. */
export function bool(o: Json | undefined, key: string): boolean {
  return optBool(o, key) ?? false;
}

/** Whether `key` holds a value (Go: a non-nil pointer, map or slice; a JSON null counts as unset). */
export function has(o: Json | undefined, key: string): boolean {
  const v = o?.[key];
  return v !== undefined && v !== null;
}

/** The list under `key`, or [] (Go's nil slice). */
export function list(o: Json | undefined, key: string): unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

/** The objects of the list under `key`; a non-object item reads as {} so indexes stay aligned. */
export function objects(o: Json | undefined, key: string): Json[] {
  return list(o, key).map((item) => asObject(item) ?? {});
}

/** The strings of the list under `key`; a non-string item reads as ''. */
export function strings(o: Json | undefined, key: string): string[] {
  return list(o, key).map((item) => (typeof item === 'string' ? item : ''));
}

/** The string map under `key` (labels, annotations, data), or {}. */
export function stringMap(o: Json | undefined, key: string): Record<string, string> {
  const m = obj(o, key);
  if (m === undefined) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === 'string' ? v : '';
  return out;
}

/** The map under `key` with values of any type (resource lists, capacity), or {}. */
export function map(o: Json | undefined, key: string): Json {
  return obj(o, key) ?? {};
}

/** Go's `len(x) == 0` for a slice or map under `key`. */
export function isEmpty(o: Json | undefined, key: string): boolean {
  const v = o?.[key];
  if (Array.isArray(v)) return v.length === 0;
  const m = asObject(v);
  return m === undefined || Object.keys(m).length === 0;
}

