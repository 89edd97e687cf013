// Unknown fields: what a typed Go decode of a body drops, and what upstream's strict decoder
// (sigs.k8s.io/json) reports about it — `unknown field "spec.foo"` for a field the type does
// not have, `duplicate field "spec.containers[0].name"` for a key sent twice — which
// fieldValidation turns into nothing (Ignore), Warning headers (Warn, the default), or a 400
// (Strict).
//
// Kept as they are: fields under x-kubernetes-preserve-unknown-fields, map entries, and
// anything inside types that take raw JSON (RawExtension, FieldsV1, the apiextensions JSON
// types). As in Go, a duplicate counts only where the decoder looks: in a struct field it
// knows, or in a map; not inside an unknown field or raw JSON.

import { goQuote } from '../../machinery/go-format.js';
import { strictPath } from './decode-strict.js';
import { cannotBeHandled, strictDecodingMessage, strictWarnings, yamlDuplicatesError } from './decode-errors.js';
import { nodeOf, type ListNode, type MapNode, type SchemaNode, type SchemaRef, type StructNode } from './schema-node.js';

/** The `fieldValidation` query parameter. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Go's strict decoder stops recording after this many errors. */
const MAX_STRICT_ERRORS = 100;

/**
 * Removes the fields of `obj` that its type does not have (in place) and returns the
 * strict-decoding errors upstream reports for the body: unknown fields and the JSON
 * duplicates (paths from decodeJSONStrict) that lie where Go's decoder looks, in document
 * order, deduplicated, at most 100. With `record` false, only removes.
 */
export function pruneUnknownFields(
  obj: Record<string, unknown>,
  type: SchemaRef,
  duplicates: readonly string[] = [],
  record = true,
): string[] {
  const pruner = new Pruner(record && duplicates.length > 0 ? new Set(duplicates) : undefined, record);
  pruner.walk(obj, nodeOf(type));
  return pruner.errors;
}

/**
 * fieldValidation for a body: prunes unknown fields, then by mode ignores, warns about or
 * (Strict) rejects with upstream's 400 the unknown and duplicate fields. `duplicates` are
 * JSON paths from decodeJSONStrict; `yamlDuplicates` go-yaml lines from decodeYAMLStrict.
 */
export function checkFieldValidation(
  obj: Record<string, unknown>,
  typeName: string,
  mode: FieldValidation,
  duplicates: readonly string[] = [],
  yamlDuplicates: readonly string[] = [],
): { warnings: string[] } {
  const strictErrors = pruneUnknownFields(obj, typeName, duplicates, mode !== 'Ignore');
  return fieldValidationOutcome(obj, typeName, mode, strictErrors, yamlDuplicates);
}

/**
 * What `mode` makes of strict errors already collected: the YAML duplicate-key error comes
 * first, as upstream's YAML decoder checks duplicates before it decodes.
 */
export function fieldValidationOutcome(
  obj: Record<string, unknown>,
  typeName: string,
  mode: FieldValidation,
  strictErrors: readonly string[],
  yamlDuplicates: readonly string[],
): { warnings: string[] } {
  if (mode === 'Ignore') return { warnings: [] };
  const yamlError = yamlDuplicatesError(yamlDuplicates);
  const all = yamlError === undefined ? strictErrors : [yamlError, ...strictErrors];
  if (all.length === 0) return { warnings: [] };
  if (mode === 'Strict') throw cannotBeHandled(obj, typeName, strictDecodingMessage(all));
  return { warnings: strictWarnings(all) };
}

/** strconv.Quote of a path; plain printable ASCII (nearly every path) needs no escaping. */
function quotePath(path: string): string {
  return /^[\x20-\x7e]*$/.test(path) && !/["\\]/.test(path) ? `"${path}"` : goQuote(path);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Pruner {
  readonly errors: string[] = [];
  private readonly seen = new Set<string>();
  /** Keys and indices from the top to the value being walked. */
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly duplicates: ReadonlySet<string> | undefined,
    private readonly record: boolean,
  ) {}

  walk(value: unknown, node: SchemaNode): void {
    if (node.kind === 'struct') {
      if (isObject(value)) this.struct(value, node);
    } else if (node.kind === 'map') {
      if (isObject(value)) this.map(value, node);
    } else if (node.kind === 'list') {
      if (Array.isArray(value)) this.list(value, node);
    }
  }

  private struct(obj: Record<string, unknown>, node: StructNode): void {
    for (const key in obj) {
      const field = node.fields.get(key);
      if (field === undefined) {
        if (node.preserveUnknown) continue;
        if (this.record) this.report('unknown field', key);
        delete obj[key];
        continue;
      }
      this.member(obj[key], field, key);
    }
  }

  private map(obj: Record<string, unknown>, node: MapNode): void {
    const values = node.values;
    const walkValues = values.kind === 'struct' || values.kind === 'map' || values.kind === 'list';
    if (!walkValues && this.duplicates === undefined) return;
    for (const key in obj) this.member(obj[key], values, key);
  }

  private list(arr: unknown[], node: ListNode): void {
    const items = node.items;
    if (items.kind !== 'struct' && items.kind !== 'map' && items.kind !== 'list') return;
    for (let i = 0; i < arr.length; i++) {
      this.path.push(i);
      this.walk(arr[i], items);
      this.path.pop();
    }
  }

  /** A known field or a map entry: a duplicate key is reported before what is inside. */
  private member(value: unknown, node: SchemaNode, key: string): void {
    this.path.push(key);
    if (this.duplicates?.has(strictPath(this.path)) === true) this.report('duplicate field', undefined);
    if (typeof value === 'object' && value !== null) this.walk(value, node);
    this.path.pop();
  }

  /** Records `<what> "<path>"` for the current path (plus `key` when given). */
  private report(what: 'unknown field' | 'duplicate field', key: string | undefined): void {
    if (this.errors.length >= MAX_STRICT_ERRORS) return;
    const base = strictPath(this.path);
    const path = key === undefined ? base : this.path.length === 0 ? key : `${base}.${key}`;
    const message = `${what} ${quotePath(path)}`;
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.errors.push(message);
  }
}
