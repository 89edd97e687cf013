// The catalogue's schemas compiled into the shape the body walkers need: what Go type each
// field decodes into (struct, map, slice, scalar, or a type with its own JSON decoding), and
// the Go type name upstream's decode errors print. Compiled once per type and cached, so a
// request walks plain objects and Maps and never follows `ref`s.

import { schema, type TypeSchema } from '../catalogue.js';

/** A Go struct: known fields by JSON name. */
export interface StructNode {
  readonly kind: 'struct';
  /** The type as Go's reflect prints it: `v1.PodSpec`. */
  readonly goType: string;
  /** The bare struct name decode errors start their field path with: `PodSpec`. */
  readonly structName: string;
  readonly fields: Map<string, SchemaNode>;
  readonly required: readonly string[];
  /** `x-kubernetes-preserve-unknown-fields`: fields not listed are kept. */
  readonly preserveUnknown: boolean;
}

/** A Go map with string keys. */
export interface MapNode {
  readonly kind: 'map';
  readonly goType: string;
  readonly values: SchemaNode;
}

/** A Go slice. */
export interface ListNode {
  readonly kind: 'list';
  readonly goType: string;
  readonly items: SchemaNode;
}

/**
 * A value with one JSON form: Go strings, integers, floats, booleans, and `[]byte`
 * (base64 text), plus the apimachinery types that decode themselves (Quantity,
 * IntOrString, Time, MicroTime).
 */
export interface ScalarNode {
  readonly kind: 'string' | 'int32' | 'int64' | 'float' | 'bool' | 'bytes' | 'quantity' | 'intOrString' | 'time' | 'microTime';
  readonly goType: string;
  readonly enum?: readonly unknown[];
}

/**
 * Any JSON value, kept as it is: types that take raw JSON (RawExtension, FieldsV1, the
 * apiextensions JSON types) and schemas without a type.
 */
export interface OpaqueNode {
  readonly kind: 'opaque';
  readonly goType: string;
}

export type SchemaNode = StructNode | MapNode | ListNode | ScalarNode | OpaqueNode;

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';

/**
 * Types whose schema says `type: object` without fields but whose Go type is a struct
 * without fields (not raw JSON): anything sent inside them is an unknown field.
 */
const EMPTY_STRUCTS: ReadonlySet<string> = new Set(['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatus']);

const compiled = new Map<string, SchemaNode>();

/** The compiled schema of a catalogue type, or undefined when the catalogue has no such type. */
export function schemaNode(typeName: string): SchemaNode | undefined {
  const cached = compiled.get(typeName);
  if (cached !== undefined) return cached;
  const typeSchema = schema(typeName);
  if (typeSchema === undefined) return undefined;
  return compileNamed(typeName, typeSchema);
}

/**
 * A schema written out in place (a CustomResourceDefinition's, a test's), compiled; its
 * `ref`s name catalogue types. Not cached: compile once and keep the node.
 */
export function compileSchema(typeSchema: TypeSchema): SchemaNode {
  return compileField(typeSchema);
}

/** A compiled schema, or the name of a catalogue type to use the compiled schema of. */
export type SchemaRef = string | SchemaNode;

/** Thrown when a type name is not in the API catalogue (a caller's bug). */
export class UnknownTypeError extends Error {
  constructor(readonly typeName: string) {
    super(`the API catalogue has no type ${typeName}`);
    this.name = 'UnknownTypeError';
  }
}

/** The node a SchemaRef stands for. Throws UnknownTypeError for a name the catalogue lacks. */
export function nodeOf(ref: SchemaRef): SchemaNode {
  if (typeof ref !== 'string') return ref;
  const node = schemaNode(ref);
  if (node === undefined) throw new UnknownTypeError(ref);
  return node;
}

/** `io.k8s.api.core.v1.PodSpec` → [`v1`, `PodSpec`]: Go's package name and type name. */
function goName(typeName: string): [pkg: string, name: string] {
  const parts = typeName.split('.');
  return [parts[parts.length - 2] ?? '', parts[parts.length - 1] ?? typeName];
}

function compileNamed(typeName: string, typeSchema: TypeSchema): SchemaNode {
  const [pkg, name] = goName(typeName);
  const goType = `${pkg}.${name}`;
  if (typeName === QUANTITY) return remember(typeName, { kind: 'quantity', goType });
  if (typeName === TIME) return remember(typeName, { kind: 'time', goType });
  if (typeName === MICRO_TIME) return remember(typeName, { kind: 'microTime', goType });
  if (typeSchema.intOrString === true) return remember(typeName, { kind: 'intOrString', goType });
  const isStruct = typeSchema.properties !== undefined || EMPTY_STRUCTS.has(typeName);
  if (!isStruct || typeSchema.type !== 'object') return remember(typeName, compileInline(typeSchema, goType));
  // Remembered before its fields compile, so that recursive types (JSONSchemaProps) close.
  const fields = new Map<string, SchemaNode>();
  const node: StructNode = {
    kind: 'struct',
    goType,
    structName: name,
    fields,
    required: typeSchema.required ?? [],
    preserveUnknown: typeSchema.preserveUnknownFields === true,
  };
  remember(typeName, node);
  for (const [field, fieldSchema] of Object.entries(typeSchema.properties ?? {})) fields.set(field, compileField(fieldSchema));
  addEmbeddedResourceFields(typeSchema, fields);
  return node;
}

function remember(typeName: string, node: SchemaNode): SchemaNode {
  compiled.set(typeName, node);
  return node;
}

/** Keys beside a `ref` that change what the field holds (others only annotate it). */
const SHAPE_KEYS = ['type', 'format', 'properties', 'items', 'additionalProperties', 'intOrString', 'preserveUnknownFields'] as const;

function compileField(fieldSchema: TypeSchema): SchemaNode {
  if (fieldSchema.ref !== undefined && !SHAPE_KEYS.some((k) => fieldSchema[k] !== undefined)) {
    return withEnum(nodeOf(fieldSchema.ref), fieldSchema.enum);
  }
  return compileInline(fieldSchema, undefined);
}

function withEnum(node: SchemaNode, values: readonly unknown[] | undefined): SchemaNode {
  if (values === undefined || !isScalar(node)) return node;
  return { ...node, enum: values };
}

function isScalar(node: SchemaNode): node is ScalarNode {
  return node.kind !== 'struct' && node.kind !== 'map' && node.kind !== 'list' && node.kind !== 'opaque';
}

/** A schema written out in place (or a named type that is not a struct). */
function compileInline(s: TypeSchema, namedGoType: string | undefined): SchemaNode {
  if (s.intOrString === true) return { kind: 'intOrString', goType: namedGoType ?? 'intstr.IntOrString' };
  switch (s.type) {
    case 'string':
      if (s.format === 'byte') return { kind: 'bytes', goType: '[]uint8' };
      return scalar('string', namedGoType ?? 'string', s.enum);
    case 'integer':
      return s.format === 'int32' ? scalar('int32', 'int32', s.enum) : scalar('int64', 'int64', s.enum);
    case 'number':
      return scalar('float', s.format === 'float' ? 'float32' : 'float64', s.enum);
    case 'boolean':
      return scalar('bool', 'bool', s.enum);
    case 'array': {
      const items = s.items === undefined ? opaque() : compileField(s.items);
      return { kind: 'list', goType: `[]${items.goType}`, items };
    }
    case 'object':
      return compileInlineObject(s, namedGoType);
    default:
      return opaque(namedGoType);
  }
}

function compileInlineObject(s: TypeSchema, namedGoType: string | undefined): SchemaNode {
  if (s.properties !== undefined) {
    const fields = new Map<string, SchemaNode>();
    for (const [field, fieldSchema] of Object.entries(s.properties)) fields.set(field, compileField(fieldSchema));
    addEmbeddedResourceFields(s, fields);
    const goType = namedGoType ?? 'struct';
    return { kind: 'struct', goType, structName: '', fields, required: s.required ?? [], preserveUnknown: s.preserveUnknownFields === true };
  }
  if (typeof s.additionalProperties === 'object') {
    const values = compileField(s.additionalProperties);
    // Every map of quantities in the served types is core/v1's named ResourceList.
    const goType = values.kind === 'quantity' ? 'v1.ResourceList' : `map[string]${values.goType}`;
    return { kind: 'map', goType, values };
  }
  return opaque(namedGoType);
}

/** An embedded resource (`x-kubernetes-embedded-resource`) always knows its type and metadata. */
function addEmbeddedResourceFields(s: TypeSchema, fields: Map<string, SchemaNode>): void {
  if (s.embeddedResource !== true) return;
  if (!fields.has('apiVersion')) fields.set('apiVersion', scalar('string', 'string', undefined));
  if (!fields.has('kind')) fields.set('kind', scalar('string', 'string', undefined));
  if (!fields.has('metadata')) fields.set('metadata', opaque());
}

function scalar(kind: ScalarNode['kind'], goType: string, values: readonly unknown[] | undefined): ScalarNode {
  return values === undefined ? { kind, goType } : { kind, goType, enum: values };
}

function opaque(goType = 'interface {}'): OpaqueNode {
  return { kind: 'opaque', goType };
}
