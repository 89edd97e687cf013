// Deep equality as upstream's apiequality.Semantic.DeepEqual sees decoded JSON objects:
// an absent field, null, an empty list and an empty map are all "nil" and equal to one
// another (Go decodes all of them to a nil slice or map). Used to decide whether an
// immutable field changed and whether an update changed anything.

function isNil(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** Whether `a` and `b` are equal as upstream's semantic equality would judge them. */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNil(a) && isNil(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => semanticDeepEqual(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) {
    if (!semanticDeepEqual(x[key], y[key])) return false;
  }
  return true;
}
