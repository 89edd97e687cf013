// Turns the document's definitions into the catalogue's compact schemas: the structure
// and the Kubernetes extensions, without descriptions. A keyword the catalogue cannot
// represent stops the generator rather than disappearing unnoticed.

import type { GeneratedResource, KindRef, TypeSchema, UnionInfo } from '../../src/api/catalogue.js';
import { OpenAPIInputError, definitionsByKind, kindKey, refName, type OpenAPIDocument, type OpenAPISchema } from './openapi.js';
import { isServed } from './served.js';

/** Definitions included whatever the served kinds use: meta types, Status, WatchEvent, Quantity, version.Info, … */
const ALWAYS_INCLUDED_PREFIX = 'io.k8s.apimachinery.';

const TYPES: ReadonlySet<NonNullable<TypeSchema['type']>> = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean'] as const);
const LIST_TYPES: ReadonlySet<NonNullable<TypeSchema['listType']>> = new Set(['atomic', 'set', 'map'] as const);
const MAP_TYPES: ReadonlySet<NonNullable<TypeSchema['mapType']>> = new Set(['atomic', 'granular'] as const);

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new OpenAPIInputError(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function asOneOf<T extends string>(value: unknown, allowed: ReadonlySet<T>, where: string): T {
  const text = asString(value, where);
  if (!(allowed as ReadonlySet<string>).has(text)) throw new OpenAPIInputError(`${where}: unsupported value ${text}`);
  return text as T;
}

function asStringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) throw new OpenAPIInputError(`${where}: expected an array of strings`);
  return value.map((item) => asString(item, where));
}

function asBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new OpenAPIInputError(`${where}: expected a boolean`);
  return value;
}

function asSchema(value: unknown, where: string): OpenAPISchema {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new OpenAPIInputError(`${where}: expected a schema`);
  return value as OpenAPISchema;
}

function unionsOf(value: unknown, where: string): UnionInfo[] {
  if (!Array.isArray(value)) throw new OpenAPIInputError(`${where}: expected a list of unions`);
  return value.map((raw) => {
    const union = asSchema(raw, where);
    const fields = asSchema(union['fields-to-discriminateBy'] ?? {}, where);
    const info: UnionInfo = { fieldsToDiscriminateBy: {} };
    for (const [field, discriminatorValue] of Object.entries(fields)) info.fieldsToDiscriminateBy[field] = asString(discriminatorValue, where);
    if (union.discriminator !== undefined) info.discriminator = asString(union.discriminator, where);
    return info;
  });
}

/** The GVKs of a top-level type, keeping only served group/versions. */
function servedGVKs(value: unknown, where: string): KindRef[] {
  if (!Array.isArray(value)) throw new OpenAPIInputError(`${where}: expected a list of group/version/kinds`);
  return value
    .map((raw) => asSchema(raw, where))
    .map((gvk) => ({ group: asString(gvk.group, where), version: asString(gvk.version, where), kind: asString(gvk.kind, where) }))
    .filter((gvk) => isServed(gvk.group, gvk.version));
}

/** Sets one keyword of `out` from the document's `key`/`value`. */
function applyKeyword(out: TypeSchema, key: string, value: unknown, where: string): void {
  const at = `${where} ${key}`;
  switch (key) {
    case 'description':
      return; // prose is not copied
    case 'type':
      out.type = asOneOf(value, TYPES, at);
      return;
    case 'format':
      out.format = asString(value, at);
      if (value === 'int-or-string') out.intOrString = true;
      return;
    case '$ref':
      out.ref = refName(asString(value, at));
      return;
    case 'properties':
      out.properties = {};
      for (const [name, property] of Object.entries(asSchema(value, at))) {
        out.properties[name] = compactSchema(asSchema(property, at), `${where}.${name}`);
      }
      return;
    case 'items':
      out.items = compactSchema(asSchema(value, at), `${where}[]`);
      return;
    case 'additionalProperties':
      out.additionalProperties = typeof value === 'boolean' ? value : compactSchema(asSchema(value, at), `${where}{}`);
      return;
    case 'required':
      out.required = asStringArray(value, at);
      return;
    case 'enum':
      if (!Array.isArray(value)) throw new OpenAPIInputError(`${at}: expected an array`);
      out.enum = structuredClone(value);
      return;
    case 'default':
      out.default = structuredClone(value);
      return;
    case 'x-kubernetes-int-or-string':
      out.intOrString = asBoolean(value, at);
      return;
    case 'x-kubernetes-preserve-unknown-fields':
      out.preserveUnknownFields = asBoolean(value, at);
      return;
    case 'x-kubernetes-embedded-resource':
      out.embeddedResource = asBoolean(value, at);
      return;
    case 'x-kubernetes-list-type':
      out.listType = asOneOf(value, LIST_TYPES, at);
      return;
    case 'x-kubernetes-list-map-keys':
      out.listMapKeys = asStringArray(value, at);
      return;
    case 'x-kubernetes-map-type':
      out.mapType = asOneOf(value, MAP_TYPES, at);
      return;
    case 'x-kubernetes-patch-strategy':
      out.patchStrategy = asString(value, at);
      return;
    case 'x-kubernetes-patch-merge-key':
      out.patchMergeKey = asString(value, at);
      return;
    case 'x-kubernetes-unions':
      out.unions = unionsOf(value, at);
      return;
    case 'x-kubernetes-group-version-kind': {
      const gvks = servedGVKs(value, at);
      if (gvks.length > 0) out.gvk = gvks;
      return;
    }
    default:
      throw new OpenAPIInputError(`${where}: the catalogue cannot represent schema keyword ${key}`);
  }
}

/** The compact form of one schema object; `where` names it in errors. */
function compactSchema(schema: OpenAPISchema, where: string): TypeSchema {
  const out: TypeSchema = {};
  for (const [key, value] of Object.entries(schema)) applyKeyword(out, key, value, where);
  return out;
}

/** Every type name a compact schema refers to, directly or in nested schemas. */
function refsOf(schema: TypeSchema): string[] {
  const refs: string[] = [];
  const visit = (s: TypeSchema): void => {
    if (s.ref !== undefined) refs.push(s.ref);
    for (const property of Object.values(s.properties ?? {})) visit(property);
    if (s.items !== undefined) visit(s.items);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  visit(schema);
  return refs;
}

/** The types every served resource needs: its kind, its list kind, its subresources' kinds. */
function rootTypes(doc: OpenAPIDocument, resources: GeneratedResource[]): string[] {
  const byKind = definitionsByKind(doc);
  const roots = Object.keys(doc.definitions).filter((name) => name.startsWith(ALWAYS_INCLUDED_PREFIX));
  for (const r of resources) {
    roots.push(r.typeName);
    const kinds = [{ group: r.group, version: r.version, kind: r.listKind }, ...r.subresources];
    // Connect options (PodExecOptions, …) have no definition: they are query parameters.
    for (const kind of kinds) {
      const name = byKind.get(kindKey(kind));
      if (name !== undefined) roots.push(name);
    }
  }
  return roots;
}

/** The compact schema of every type reachable from the served resources, plus the meta types. */
export function extractTypes(doc: OpenAPIDocument, resources: GeneratedResource[]): Record<string, TypeSchema> {
  const types: Record<string, TypeSchema> = {};
  const pending = rootTypes(doc, resources);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (Object.hasOwn(types, name)) continue;
    const definition = doc.definitions[name];
    if (definition === undefined) throw new OpenAPIInputError(`$ref to ${name}, which the document does not define`);
    const compact = compactSchema(definition, name);
    types[name] = compact;
    pending.push(...refsOf(compact));
  }
  return types;
}
