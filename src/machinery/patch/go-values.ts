// Renders JSON values the way Go's fmt package does, so that error messages match
// upstream's word for word ("map: map[image:nginx] does not contain declared merge key:
// name"). Upstream decodes patches keeping integers as int64 and other numbers as
// float64; a JavaScript number that is an integer is taken to be the former.

import { compareGoStrings, goFormatFloat } from '../go-format.js';
import { isJsonObject, type JsonValue } from './json-value.js';

/** Go's kind of a decoded JSON value: what reflect.TypeOf reports for it. */
export type GoKind = 'map' | 'slice' | 'string' | 'int64' | 'float64' | 'bool' | 'nil';

export function goKind(value: JsonValue | undefined): GoKind {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'slice';
  if (isJsonObject(value)) return 'map';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int64' : 'float64';
}

const typeNames: Record<GoKind, string> = {
  map: 'map[string]interface {}',
  slice: '[]interface {}',
  string: 'string',
  int64: 'int64',
  float64: 'float64',
  bool: 'bool',
  // reflect.TypeOf(nil) is a nil Type, which %s renders this way.
  nil: '%!s(<nil>)',
};

/** The Go type name of a decoded JSON value, as `%s` of reflect.TypeOf prints it. */
export function goTypeName(value: JsonValue | undefined): string {
  return typeNames[goKind(value)];
}

/** `fmt.Sprintf("%v", value)`, or with verb 's' `fmt.Sprintf("%s", value)`. */
export function goFormat(value: JsonValue | undefined, verb: 'v' | 's' = 'v'): string {
  if (value === null || value === undefined) return verb === 'v' ? '<nil>' : '%!s(<nil>)';
  if (Array.isArray(value)) return `[${value.map((item) => goFormat(item, verb)).join(' ')}]`;
  if (isJsonObject(value)) {
    // Go prints map keys sorted.
    const keys = Object.keys(value).sort(compareGoStrings);
    return `map[${keys.map((key) => `${key}:${goFormat(value[key], verb)}`).join(' ')}]`;
  }
  if (typeof value === 'string') return value;
  const text = typeof value === 'boolean' || Number.isInteger(value) ? String(value) : goFormatFloat(value);
  return verb === 'v' ? text : `%!s(${goKind(value)}=${text})`;
}
