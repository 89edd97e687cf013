// The API catalogue: every served group, version and resource, and the schema of every
// type those resources use. The data comes from the upstream OpenAPI document through
// scripts/generate-catalogue.ts (src/api/generated/catalogue.ts); short names and
// categories come from the hand-written table in names.ts. Everything that needs to know
// what a resource looks like (routing, discovery, validation, pruning, patching, the
// served OpenAPI documents) reads it from here.

import { catalogue } from './generated/catalogue.js';
import { namesOf } from './names.js';

/** A group, version and kind, as in `x-kubernetes-group-version-kind`. */
export interface KindRef {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
}

/** A subresource of a resource (`pods/status`, `deployments/scale`, …). */
export interface SubresourceInfo {
  /** The part after the slash: `status`, `scale`, `log`, … */
  name: string;
  /** Group, version and kind of the object the subresource takes or returns. */
  group: string;
  version: string;
  kind: string;
  /** Discovery verbs, sorted. Connect subresources list the verbs of their HTTP methods. */
  verbs: string[];
}

/** One resource of one group/version, as discovery describes it. */
export interface ResourceInfo {
  /** '' for the core group. */
  group: string;
  version: string;
  /** The plural, lower-case name used in URLs: `pods`. */
  resource: string;
  singular: string;
  kind: string;
  /** Kind of the list type (`PodList`); '' when the resource cannot be listed (tokenreviews). */
  listKind: string;
  namespaced: boolean;
  /** Discovery verbs, sorted: create, delete, deletecollection, get, list, patch, update, watch. */
  verbs: string[];
  /** Sorted by name. */
  subresources: SubresourceInfo[];
  shortNames: string[];
  categories: string[];
  /** Name of the kind's schema in `types`, e.g. `io.k8s.api.core.v1.Pod`. */
  typeName: string;
}

/** A union of fields with an optional discriminator (`x-kubernetes-unions`). */
export interface UnionInfo {
  discriminator?: string;
  /** Member field name → the discriminator value that selects it. */
  fieldsToDiscriminateBy: Record<string, string>;
}

/**
 * The schema of a type or of one field, as the OpenAPI v2 document states it, without
 * descriptions. Conventions:
 * - `ref` names another type (`schema(ref)`); sibling keys beside a `ref` refine it for
 *   this field only (`resolve` merges them).
 * - No `type`: any JSON value. `type: 'object'` with neither `properties` nor
 *   `additionalProperties`: an object whose content is not described (RawExtension,
 *   FieldsV1), to be kept as it is.
 * - IntOrString is `type: 'string'`, `format: 'int-or-string'`, `intOrString: true`; Time
 *   and MicroTime are `format: 'date-time'`; Quantity is a plain string type, recognised
 *   by its name `io.k8s.apimachinery.pkg.api.resource.Quantity`.
 * - `enum` and `default` appear only where the document states them (OpenAPI v2 of the
 *   built-in types states neither).
 */
export interface TypeSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  ref?: string;
  properties?: Record<string, TypeSchema>;
  items?: TypeSchema;
  additionalProperties?: TypeSchema | boolean;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  intOrString?: boolean;
  preserveUnknownFields?: boolean;
  embeddedResource?: boolean;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  /** `merge`, `retainKeys`, `merge,retainKeys` or `replace`. */
  patchStrategy?: string;
  patchMergeKey?: string;
  unions?: UnionInfo[];
  /** For top-level types: the served kinds this type is (several for DeleteOptions, …). */
  gvk?: KindRef[];
}

/** A served API group, as `/apis` lists it. */
export interface GroupInfo {
  /** '' for the core group (served under /api). */
  name: string;
  preferredVersion: string;
  /** In upstream's order of preference, preferred first. */
  versions: string[];
}

/** A resource as the generator writes it; names.ts supplies the rest. */
export type GeneratedResource = Omit<ResourceInfo, 'shortNames' | 'categories'>;

/** The shape of src/api/generated/catalogue.ts. */
export interface GeneratedCatalogue {
  /** In discovery order: core first, then upstream's group priority order. */
  groups: GroupInfo[];
  /** Sorted by group, version, resource. */
  resources: GeneratedResource[];
  /** Every type reachable from a served kind, plus the meta types, by name. */
  types: Record<string, TypeSchema>;
}

/** Thrown when a schema names a type the catalogue does not hold (a generator bug). */
export class DanglingRefError extends Error {
  constructor(readonly typeName: string) {
    super(`the API catalogue has no type ${typeName}`);
  }
}

const resourcesByGV = new Map<string, ResourceInfo[]>();
const typeByKind = new Map<string, string>();

for (const generated of catalogue.resources) {
  const names = namesOf(generated.group, generated.resource);
  const info: ResourceInfo = Object.freeze({ ...generated, shortNames: names.shortNames, categories: names.categories });
  const key = gvKey(generated.group, generated.version);
  const list = resourcesByGV.get(key);
  if (list === undefined) resourcesByGV.set(key, [info]);
  else list.push(info);
}
for (const [typeName, typeSchema] of Object.entries(catalogue.types)) {
  for (const gvk of typeSchema.gvk ?? []) typeByKind.set(gvkKey(gvk.group, gvk.version, gvk.kind), typeName);
}

function gvKey(group: string, version: string): string {
  return `${group}/${version}`;
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** The served groups: the core group ('') first, then in upstream's discovery order. */
export function groups(): readonly GroupInfo[] {
  return catalogue.groups;
}

/** The resources of one served group/version, sorted by name; empty when not served. */
export function resourcesOf(group: string, version: string): readonly ResourceInfo[] {
  return resourcesByGV.get(gvKey(group, version)) ?? [];
}

/** Every served resource of every served group/version. */
export function allResources(): ResourceInfo[] {
  return [...resourcesByGV.values()].flat();
}

/** The resource with this plural name in this group/version, if served. */
export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return resourcesOf(group, version).find((r) => r.resource === resource);
}

/** The resource whose kind this is in this group/version, if served. */
export function findByKind(group: string, version: string, kind: string): ResourceInfo | undefined {
  return resourcesOf(group, version).find((r) => r.kind === kind);
}

/**
 * The name of the type that is this kind in this group/version: resource kinds, list
 * kinds, subresource kinds (Scale, Eviction, …) and meta kinds (Status, DeleteOptions, …).
 */
export function typeNameOf(group: string, version: string, kind: string): string | undefined {
  return typeByKind.get(gvkKey(group, version, kind));
}

/** The schema of a type by its name (`io.k8s.api.core.v1.Pod`). Shared: do not mutate. */
export function schema(typeName: string): TypeSchema | undefined {
  return catalogue.types[typeName];
}

/** The names of every type in the catalogue, sorted. */
export function typeNames(): string[] {
  return Object.keys(catalogue.types);
}

/**
 * The schema a field schema stands for: follows `ref`s until a schema without one, with
 * the keys written beside each `ref` taking precedence over the referenced type's.
 * Throws DanglingRefError when a ref names no type.
 */
export function resolve(fieldSchema: TypeSchema): TypeSchema {
  let current = fieldSchema;
  const overrides: TypeSchema[] = [];
  while (current.ref !== undefined) {
    const { ref, ...siblings } = current;
    overrides.push(siblings);
    const target = catalogue.types[ref];
    if (target === undefined) throw new DanglingRefError(ref);
    current = target;
  }
  if (overrides.length === 0) return current;
  return Object.assign({}, current, ...overrides.reverse()) as TypeSchema;
}
