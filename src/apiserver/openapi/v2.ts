// `/openapi/v2`: the Swagger 2.0 document of the whole API. Definitions are every type of
// the catalogue; paths are every served path (operations.ts). Descriptions are not
// copied. client-go asks for the protobuf form (v2-protobuf.ts) of this same document.

import { typeNames } from '../../api/catalogue.js';
import { allPaths, type OperationSpec, type PathSpec, type ResponseSpec } from './operations.js';
import type { Parameter } from './parameters.js';
import { placeParameters } from './path-parameters.js';
import { gvkValue, namedSchema, refTo, type JsonSchema } from './schemas.js';
import { API_VERSION_INFO, lazy, serializeJson, type SerializedDocument } from './serialized.js';

/** The document as a JSON value. Shared: do not mutate. */
export const openapiV2Document = lazy(buildV2);

/** The JSON form, its hash and ETag. */
export const openapiV2Json: () => SerializedDocument = lazy(() => serializeJson(openapiV2Document()));

function buildV2(): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const spec of [...allPaths()].sort((a, b) => (a.path < b.path ? -1 : 1))) paths[spec.path] = pathItem(spec);
  const definitions: Record<string, JsonSchema> = {};
  for (const name of typeNames()) definitions[name] = namedSchema(name, 'v2');
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: API_VERSION_INFO },
    paths,
    definitions,
    securityDefinitions: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

function pathItem(spec: PathSpec): JsonSchema {
  const placed = placeParameters(spec.operations);
  const item: JsonSchema = {};
  spec.operations.forEach((op, i) => {
    item[op.method] = operation(op, placed.byOperation[i] ?? []);
  });
  if (placed.path.length > 0) item.parameters = placed.path.map(parameter);
  return item;
}

function operation(op: OperationSpec, parameters: readonly Parameter[]): JsonSchema {
  const params: JsonSchema[] = parameters.map(parameter);
  if (op.body !== undefined) {
    const body: JsonSchema = { in: 'body', name: 'body', ...(op.body.required ? { required: true } : {}), schema: refTo(op.body.typeName, 'v2') };
    params.unshift(body);
  }
  const out: JsonSchema = {
    consumes: [...op.consumes],
    operationId: op.operationId,
    produces: [...op.produces],
    responses: Object.fromEntries(op.responses.map((r) => [r.code, response(r)])),
    schemes: ['https'],
    tags: [op.tag],
  };
  if (params.length > 0) out.parameters = params;
  if (op.action !== undefined) out['x-kubernetes-action'] = op.action;
  if (op.gvk !== undefined) out['x-kubernetes-group-version-kind'] = gvkValue(op.gvk);
  return out;
}

function parameter(p: Parameter): JsonSchema {
  return { in: p.in, name: p.name, ...(p.required ? { required: true } : {}), type: p.type, uniqueItems: true };
}

function response(r: ResponseSpec): JsonSchema {
  if (r.text) return { description: r.description, schema: { type: 'string' } };
  return r.typeName === undefined ? { description: r.description } : { description: r.description, schema: refTo(r.typeName, 'v2') };
}
