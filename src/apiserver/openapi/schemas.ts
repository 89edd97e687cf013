// The catalogue's compact schemas written back as OpenAPI schema objects, with the
// Kubernetes extensions (`x-kubernetes-*`) in their places. OpenAPI v2 and v3 differ in
// two ways only: where references point, and that v3 wraps a reference that has
// sibling keywords in `allOf` (a bare `$ref` hides its siblings in OpenAPI 3.0), as
// upstream's builder does since 1.35.

import { DanglingRefError, schema as catalogueSchema, type KindRef, type TypeSchema, type UnionInfo } from '../../api/catalogue.js';

export type Dialect = 'v2' | 'v3';

/** A JSON schema object, as it goes into the document. */
export type JsonSchema = { [keyword: string]: unknown };

const REF_PREFIX: Readonly<Record<Dialect, string>> = {
  v2: '#/definitions/',
  v3: '#/components/schemas/',
};

/** A reference to a named type. */
export function refTo(typeName: string, dialect: Dialect): JsonSchema {
  return { $ref: REF_PREFIX[dialect] + typeName };
}

/** The named type from the catalogue as a schema object; throws DanglingRefError when the catalogue lacks it. */
export function namedSchema(typeName: string, dialect: Dialect): JsonSchema {
  const found = catalogueSchema(typeName);
  if (found === undefined) throw new DanglingRefError(typeName);
  return toJsonSchema(found, dialect);
}

/** One compact schema as an OpenAPI schema object. */
export function toJsonSchema(ts: TypeSchema, dialect: Dialect): JsonSchema {
  const out: JsonSchema = {};
  if (ts.type !== undefined) out.type = ts.type;
  if (ts.format !== undefined) out.format = ts.format;
  if (ts.items !== undefined) out.items = toJsonSchema(ts.items, dialect);
  if (ts.properties !== undefined) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, property] of Object.entries(ts.properties)) properties[name] = toJsonSchema(property, dialect);
    out.properties = properties;
  }
  if (ts.additionalProperties !== undefined) {
    out.additionalProperties = typeof ts.additionalProperties === 'boolean' ? ts.additionalProperties : toJsonSchema(ts.additionalProperties, dialect);
  }
  if (ts.required !== undefined) out.required = [...ts.required];
  if (ts.enum !== undefined) out.enum = structuredClone(ts.enum);
  if (ts.default !== undefined) out.default = structuredClone(ts.default);
  Object.assign(out, extensionsOf(ts));
  return ts.ref === undefined ? out : withRef(ts.ref, out, dialect);
}

/** A reference, with the keywords written beside it. */
function withRef(typeName: string, siblings: JsonSchema, dialect: Dialect): JsonSchema {
  if (Object.keys(siblings).length === 0) return refTo(typeName, dialect);
  if (dialect === 'v3') return { allOf: [refTo(typeName, dialect)], ...siblings };
  return { ...refTo(typeName, dialect), ...siblings };
}

/** The `x-kubernetes-*` keywords of a schema, in a fixed order. */
function extensionsOf(ts: TypeSchema): JsonSchema {
  const out: JsonSchema = {};
  if (ts.embeddedResource) out['x-kubernetes-embedded-resource'] = true;
  if (ts.gvk !== undefined) out['x-kubernetes-group-version-kind'] = ts.gvk.map(gvkValue);
  // IntOrString itself says so with its format; elsewhere (CRD schemas) the extension does.
  if (ts.intOrString && ts.format !== 'int-or-string') out['x-kubernetes-int-or-string'] = true;
  if (ts.listMapKeys !== undefined) out['x-kubernetes-list-map-keys'] = [...ts.listMapKeys];
  if (ts.listType !== undefined) out['x-kubernetes-list-type'] = ts.listType;
  if (ts.mapType !== undefined) out['x-kubernetes-map-type'] = ts.mapType;
  if (ts.patchMergeKey !== undefined) out['x-kubernetes-patch-merge-key'] = ts.patchMergeKey;
  if (ts.patchStrategy !== undefined) out['x-kubernetes-patch-strategy'] = ts.patchStrategy;
  if (ts.preserveUnknownFields) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (ts.unions !== undefined) out['x-kubernetes-unions'] = ts.unions.map(unionValue);
  return out;
}

/** `{group, kind, version}`, the key order upstream writes. */
export function gvkValue(gvk: KindRef): { group: string; kind: string; version: string } {
  return { group: gvk.group, kind: gvk.kind, version: gvk.version };
}

function unionValue(union: UnionInfo): JsonSchema {
  const out: JsonSchema = {};
  if (union.discriminator !== undefined) out.discriminator = union.discriminator;
  out['fields-to-discriminateBy'] = { ...union.fieldsToDiscriminateBy };
  return out;
}

/** Every type name a compact schema refers to, directly or in nested schemas. */
export function refsOf(ts: TypeSchema): string[] {
  const refs: string[] = [];
  const visit = (s: TypeSchema): void => {
    if (s.ref !== undefined) refs.push(s.ref);
    for (const property of Object.values(s.properties ?? {})) visit(property);
    if (s.items !== undefined) visit(s.items);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  visit(ts);
  return refs;
}
