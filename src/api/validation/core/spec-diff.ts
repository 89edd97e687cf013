// The difference between two specs, for the "may not change" messages that upstream
// follows with a go-cmp diff of its internal Go structs. kubets cannot reproduce that
// text (it names Go types kubets does not have); it lists the changed JSON paths instead,
// one `-` line with the old value and one `+` line with the new, in the same spirit.

import { goJSON } from '../../../machinery/go-format.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collect(a: unknown, b: unknown, path: string, out: string[]): void {
  if (semanticDeepEqual(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) collect(a[key], b[key], path === '' ? key : `${path}.${key}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => collect(item, b[i], `${path}[${i}]`, out));
    return;
  }
  const label = path === '' ? '.' : path;
  out.push(`- ${label}: ${goJSON(a ?? null)}`, `+ ${label}: ${goJSON(b ?? null)}`);
}

/** The diff text: changed paths with old and new values; empty when semantically equal. */
export function specDiff(oldSpec: unknown, newSpec: unknown): string {
  const lines: string[] = [];
  collect(oldSpec, newSpec, '', lines);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
