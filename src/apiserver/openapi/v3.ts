// `/openapi/v3`: one OpenAPI 3.0 document per group/version (`api/v1`, `apis/apps/v1`),
// per group (`apis/apps`), and for `api`, `apis` and `version`, and the index that lists
// them with a hash in each URL. A document holds the paths of its group/version and the
// schema of every type they use, directly or through other types. `kubectl explain`
// finds a kind by the `x-kubernetes-group-version-kind` of its schema; kubectl decides
// whether the server validates fields by the `fieldValidation` parameter of the kind's
// PATCH operation.

import { schema as catalogueSchema } from '../../api/catalogue.js';
import { allPaths, type OperationSpec, type PathSpec, type ResponseSpec } from './operations.js';
import type { Parameter } from './parameters.js';
import { placeParameters } from './path-parameters.js';
import { gvkValue, namedSchema, refTo, refsOf, type JsonSchema } from './schemas.js';
import { API_VERSION_INFO, lazy, serializeJson, type SerializedDocument } from './serialized.js';

export interface OpenAPIV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** Every v3 document, by its path under /openapi/v3, serialized on first use. */
const documents = lazy(() => {
  const byDocument = new Map<string, PathSpec[]>();
  for (const spec of allPaths()) {
    const list = byDocument.get(spec.document);
    if (list === undefined) byDocument.set(spec.document, [spec]);
    else list.push(spec);
  }
  const out = new Map<string, () => SerializedDocument>();
  for (const key of [...byDocument.keys()].sort()) {
    const specs = byDocument.get(key) ?? [];
    out.set(key, lazy(() => serializeJson(buildDocument(specs))));
  }
  return out;
});

/**
 * The index `GET /openapi/v3` answers: each document's URL under `prefix`, with the hash
 * of its current content. A request with that hash may be cached for good (upstream
 * answers it with `Cache-Control: public, immutable`); one with an outdated hash is
 * redirected (301) to the current URL.
 */
export function openapiV3Index(prefix = '/openapi/v3'): OpenAPIV3Index {
  const paths: OpenAPIV3Index['paths'] = {};
  for (const [key, document] of documents()) {
    paths[key] = { serverRelativeURL: `${prefix}/${key}?hash=${document().hash}` };
  }
  return { paths };
}

/** The document at `/openapi/v3/<path>` (`apis/apps/v1`), or undefined when there is none (404). */
export function openapiV3Document(path: string): SerializedDocument | undefined {
  return documents().get(path.replace(/^\/+|\/+$/g, ''))?.();
}

function buildDocument(specs: readonly PathSpec[]): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  const used = new Set<string>();
  for (const spec of [...specs].sort((a, b) => (a.path < b.path ? -1 : 1))) paths[spec.path] = pathItem(spec, used);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: API_VERSION_INFO },
    paths,
    components: {
      schemas: componentSchemas(used),
      securitySchemes: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } },
    },
    security: [{ BearerToken: [] }],
  };
}

/** The named types `roots` use, with every type they refer to, by name. */
function componentSchemas(roots: ReadonlySet<string>): Record<string, JsonSchema> {
  const names = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (names.has(name)) continue;
    names.add(name);
    const found = catalogueSchema(name);
    if (found !== undefined) pending.push(...refsOf(found));
  }
  const out: Record<string, JsonSchema> = {};
  for (const name of [...names].sort()) out[name] = namedSchema(name, 'v3');
  return out;
}

function pathItem(spec: PathSpec, used: Set<string>): JsonSchema {
  const placed = placeParameters(spec.operations);
  const item: JsonSchema = {};
  spec.operations.forEach((op, i) => {
    item[op.method] = operation(op, placed.byOperation[i] ?? [], used);
  });
  if (placed.path.length > 0) item.parameters = placed.path.map(parameter);
  return item;
}

function operation(op: OperationSpec, parameters: readonly Parameter[], used: Set<string>): JsonSchema {
  const out: JsonSchema = { tags: [op.tag], operationId: op.operationId };
  if (parameters.length > 0) out.parameters = parameters.map(parameter);
  if (op.body !== undefined) {
    const { typeName, required } = op.body;
    used.add(typeName);
    const content = Object.fromEntries(op.consumes.map((media) => [media, { schema: refTo(typeName, 'v3') }]));
    out.requestBody = { content, ...(required ? { required: true } : {}) };
  }
  out.responses = Object.fromEntries(op.responses.map((r) => [r.code, response(r, op.produces, used)]));
  if (op.action !== undefined) out['x-kubernetes-action'] = op.action;
  if (op.gvk !== undefined) out['x-kubernetes-group-version-kind'] = gvkValue(op.gvk);
  return out;
}

function parameter(p: Parameter): JsonSchema {
  return { name: p.name, in: p.in, ...(p.required ? { required: true } : {}), schema: { type: p.type, uniqueItems: true } };
}

function response(r: ResponseSpec, produces: readonly string[], used: Set<string>): JsonSchema {
  let schema: JsonSchema;
  if (r.text) schema = { type: 'string' };
  else if (r.typeName !== undefined) {
    used.add(r.typeName);
    schema = refTo(r.typeName, 'v3');
  } else return { description: r.description };
  return { description: r.description, content: Object.fromEntries(produces.map((media) => [media, { schema }])) };
}
