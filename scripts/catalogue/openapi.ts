// The parts of an OpenAPI v2 (Swagger) document of the Kubernetes API that the catalogue
// generator reads. Only what is read is typed; everything else passes through unread.

/** Thrown when the OpenAPI document lacks something the catalogue needs, or has something it cannot represent. */
export class OpenAPIInputError extends Error {}

export interface OpenAPIGVK {
  group: string;
  version: string;
  kind: string;
}

/** A schema object (definition, property, items, additionalProperties or body schema). */
export interface OpenAPISchema {
  $ref?: string;
  [keyword: string]: unknown;
}

export interface OpenAPIOperation {
  'x-kubernetes-action'?: string;
  'x-kubernetes-group-version-kind'?: OpenAPIGVK;
  parameters?: { in?: string; schema?: OpenAPISchema; $ref?: string }[];
  responses?: Record<string, { schema?: OpenAPISchema }>;
}

export type OpenAPIPathItem = Record<string, OpenAPIOperation | unknown>;

export interface OpenAPIDocument {
  swagger: string;
  paths: Record<string, OpenAPIPathItem>;
  definitions: Record<string, OpenAPISchema>;
}

/** The HTTP methods a path item may hold operations for. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HTTPMethod = (typeof HTTP_METHODS)[number];

const DEFINITION_PREFIX = '#/definitions/';

/** The definition name a `$ref` points at. */
export function refName(ref: string): string {
  if (!ref.startsWith(DEFINITION_PREFIX)) throw new OpenAPIInputError(`unsupported $ref ${ref}`);
  return ref.slice(DEFINITION_PREFIX.length);
}

/** Checks the little of the document's shape that everything else relies on. */
export function asOpenAPIDocument(value: unknown): OpenAPIDocument {
  const doc = value as Partial<OpenAPIDocument> | null;
  if (doc === null || typeof doc !== 'object' || doc.swagger !== '2.0') {
    throw new OpenAPIInputError('not an OpenAPI v2 document (no "swagger": "2.0")');
  }
  if (typeof doc.paths !== 'object' || typeof doc.definitions !== 'object') {
    throw new OpenAPIInputError('the document has no paths or no definitions');
  }
  return doc as OpenAPIDocument;
}

/** Definition name of every kind the document declares, keyed `group/version/kind`. */
export function definitionsByKind(doc: OpenAPIDocument): Map<string, string> {
  const byKind = new Map<string, string>();
  for (const [name, definition] of Object.entries(doc.definitions)) {
    for (const gvk of gvksOf(definition)) byKind.set(kindKey(gvk), name);
  }
  return byKind;
}

/** The `x-kubernetes-group-version-kind` list of a definition (empty when it has none). */
export function gvksOf(definition: OpenAPISchema): OpenAPIGVK[] {
  const gvks = definition['x-kubernetes-group-version-kind'];
  return Array.isArray(gvks) ? (gvks as OpenAPIGVK[]) : [];
}

export function kindKey(gvk: OpenAPIGVK): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}
