// Values as upstream's field errors print them. A field error shows a struct or map value
// through Go's encoding/json (field-errors.ts prints it as JSON), so the printed text
// depends on Go's view of the value rather than on the request's JSON: map keys come out
// sorted, versioned API structs (metav1.LabelSelector) keep their json names and drop
// empty `omitempty` fields, and internal API structs (pkg/apis/<group>, which carry no json
// tags) print every field under its Go name, nil pointers as null. These helpers rebuild
// such values from plain JSON so that messages match upstream's character for character.

import { compareGoStrings } from '../../machinery/go-format.js';
import { asObject, list, str, stringMap, type Json } from './common/json.js';

/** A Go map[string]string as json.Marshal orders it: keys sorted by bytes. */
export function goStringMap(map: Readonly<Record<string, string>> | undefined): Record<string, string> | null {
  if (map === undefined) return null;
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort(compareGoStrings)) out[key] = map[key] ?? '';
  return out;
}

/** Labels of a template as upstream prints `template.Labels`: a sorted map, null when unset. */
export function goLabels(meta: Json | undefined): Record<string, string> | null {
  return asObject(meta?.labels) === undefined ? null : goStringMap(stringMap(meta, 'labels'));
}

/** A metav1.LabelSelector pointer as json.Marshal prints it (null for a nil pointer). */
export function goLabelSelector(selector: unknown): Json | null {
  const sel = asObject(selector);
  if (sel === undefined) return null;
  const out: Json = {};
  const matchLabels = stringMap(sel, 'matchLabels');
  if (Object.keys(matchLabels).length > 0) out.matchLabels = goStringMap(matchLabels);
  const expressions = list(sel, 'matchExpressions').map((e) => {
    const expr = asObject(e);
    const rendered: Json = { key: str(expr, 'key'), operator: str(expr, 'operator') };
    const values = list(expr, 'values');
    if (values.length > 0) rendered.values = values;
    return rendered;
  });
  if (expressions.length > 0) out.matchExpressions = expressions;
  return out;
}

/** An IntOrString as it marshals: the number or the string; nil as null. */
export function goIntOrString(value: unknown): number | string | null {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

/** A pointer to a scalar: the value, or null when unset. */
export function goPointer(value: unknown): unknown {
  return value === undefined ? null : value;
}
