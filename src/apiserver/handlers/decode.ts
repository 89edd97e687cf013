// Decoding a request body into an object of the endpoint's kind: JSON or YAML, type
// metadata checked against the URL, unknown and duplicate fields handled per
// fieldValidation (Strict, Warn — the default — or Ignore), and the structure checked
// against the schema.

import * as errors from '../../machinery/errors.js';
import { prepareBody, type BodyFindings } from '../../api/schema/index.js';
import { isPlainObject, type KubeObject } from '../object.js';
import { readBody } from '../http/body.js';
import { decodeWithDuplicates } from '../http/decode-body.js';
import { addWarnings, apiVersionOf, type HandlerContext } from './context.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw errors.badRequest(`fieldValidation parameter unsupported: ${value}`);
}

/** Reads and decodes the body as an object of the endpoint's kind in its served version. */
export async function decodeObject(ctx: HandlerContext, kind = ctx.endpoint.info.kind, apiVersion = apiVersionOf(ctx.endpoint)): Promise<KubeObject> {
  const body = await readBody(ctx.req);
  const { value, findings } = decodeWithDuplicates(body, ctx.req.headers['content-type']);
  return checkObject(ctx, value, findings, kind, apiVersion);
}

/** Checks a decoded value as an object of `kind` in `apiVersion` (also used after patches). */
export function checkObject(
  ctx: HandlerContext,
  value: unknown,
  findings: BodyFindings,
  kind = ctx.endpoint.info.kind,
  apiVersion = apiVersionOf(ctx.endpoint),
): KubeObject {
  if (!isPlainObject(value)) throw errors.badRequest(`Object '${kind}' is missing in '${JSON.stringify(value)}'`);
  if (value.kind === undefined || value.kind === '') value.kind = kind;
  if (value.apiVersion === undefined || value.apiVersion === '') value.apiVersion = apiVersion;
  if (value.kind !== kind) {
    throw errors.badRequest(`the kind in the body (${String(value.kind)}) does not match the kind on the URL (${kind})`);
  }
  if (value.apiVersion !== apiVersion) {
    throw errors.badRequest(`the API version in the data (${String(value.apiVersion)}) does not match the expected API version (${apiVersion})`);
  }
  if (value.metadata === undefined || value.metadata === null) value.metadata = {};
  if (!isPlainObject(value.metadata)) throw errors.badRequest('metadata must be an object');
  const typeName = ctx.endpoint.info.typeName;
  const { object, warnings } = prepareBody(value, typeName, { ...findings, fieldValidation: fieldValidationOf(ctx.query) });
  addWarnings(ctx, warnings);
  return object as KubeObject;
}
