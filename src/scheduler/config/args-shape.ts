// Strict decoding of pluginConfig args against the shape of their upstream type
// (kubescheduler.config.k8s.io/v1 `<Plugin>Args`, shapes in plugin-args.ts): a field the
// type does not have, or a value of the wrong JSON type, is an error naming the field.
// Core types embedded in args (NodeAffinity, TopologySpreadConstraint) are checked against
// the API catalogue, as the API server checks them in a Pod.

import { decodeError, pruneUnknownFields } from '../../api/schema/index.js';

/** A field's shape: a JSON scalar, a struct of named fields, a list of one shape, or a catalogue type. */
export type Shape =
  | 'integer'
  | 'string'
  | 'boolean'
  | { readonly fields: Readonly<Record<string, Shape>> }
  | { readonly items: Shape }
  | { readonly catalogue: string };

/** One strict-decoding problem: where (relative to the args) and what. */
export interface ShapeError {
  readonly field: string;
  readonly detail: string;
}

const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

const describe = (value: unknown): string => (Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value);

/**
 * The problems of `value` against `shape`, in document order; `path` is the field's path
 * relative to the args. Nulls are accepted anywhere (Go decodes them as absent).
 */
export function shapeErrors(value: unknown, shape: Shape, path: string): ShapeError[] {
  if (value === null || value === undefined) return [];
  if (shape === 'integer') return Number.isInteger(value) ? [] : [{ field: path, detail: `must be an integer, got ${describe(value)} ${JSON.stringify(value)}` }];
  if (shape === 'string' || shape === 'boolean') return typeof value === shape ? [] : [{ field: path, detail: `must be a ${shape}, got ${describe(value)}` }];
  if ('items' in shape) {
    if (!Array.isArray(value)) return [{ field: path, detail: `must be a list, got ${describe(value)}` }];
    return value.flatMap((item, i) => shapeErrors(item, shape.items, `${path}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [{ field: path, detail: `must be an object, got ${describe(value)}` }];
  if ('catalogue' in shape) return catalogueErrors(value as Record<string, unknown>, shape.catalogue, path);
  const errors: ShapeError[] = [];
  for (const [name, field] of Object.entries(value)) {
    const inner = shape.fields[name];
    if (inner === undefined) errors.push({ field: join(path, name), detail: 'unknown field' });
    else errors.push(...shapeErrors(field, inner, join(path, name)));
  }
  return errors;
}

/** Unknown fields and Go type mismatches of a core type, checked on a copy (both checks change what they see). */
function catalogueErrors(value: Record<string, unknown>, typeName: string, path: string): ShapeError[] {
  const copy = structuredClone(value);
  const unknown = pruneUnknownFields(copy, typeName).map((text) => {
    const inner = /^unknown field "(.*)"$/.exec(text)?.[1];
    return inner === undefined ? { field: path, detail: text } : { field: `${path}${inner.startsWith('[') ? '' : '.'}${inner}`, detail: 'unknown field' };
  });
  if (unknown.length > 0) return unknown;
  const decode = decodeError(copy, typeName);
  if (decode === undefined) return [];
  // The API server's wording names the kind of a request; here only Go's complaint matters.
  const complaint = decode.message.slice(decode.message.indexOf('json: ') + 'json: '.length);
  return [{ field: path, detail: complaint }];
}
