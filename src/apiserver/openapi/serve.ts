// Answers `/openapi/v2`, `/openapi/v3` and `/openapi/v3/<document>` with upstream's
// headers (kube-openapi's handlers): the ETag of the JSON form, `Vary: Accept`, 304 for a
// matching If-None-Match; for v3 documents asked for with the current `hash`, caching for
// good; with an outdated hash, a 301 to the current URL.

import * as errors from '../../machinery/errors.js';
import type { IncomingRequest } from '../http/body.js';
import type { Response } from '../http/respond.js';
import { acceptsOpenAPIV3Json, negotiateOpenAPIV2, OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from './negotiate.js';
import { serializeJson, type SerializedDocument } from './serialized.js';
import { openapiV2Json } from './v2.js';
import { openapiV2Protobuf } from './v2-protobuf.js';
import { openapiV3Document, openapiV3Index } from './v3.js';

const V3_PREFIX = '/openapi/v3';
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** Serves the request when its path is an OpenAPI path; false when it is not (or names no document). */
export function serveOpenAPI(req: IncomingRequest, res: Response, url: URL): boolean {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/openapi/v2') {
    const form = negotiateOpenAPIV2(req.headers.accept);
    if (form === undefined) throw errors.notAcceptable(['application/json', OPENAPI_V2_PROTOBUF_CONTENT_TYPE]);
    res.setHeader('Vary', 'Accept');
    if (form === 'protobuf') send(req, res, openapiV2Protobuf(), OPENAPI_V2_PROTOBUF_CONTENT_TYPE);
    else send(req, res, openapiV2Json(), 'application/json');
    return true;
  }
  if (path === V3_PREFIX) {
    send(req, res, serializeJson(openapiV3Index(V3_PREFIX)), 'application/json');
    return true;
  }
  if (!path.startsWith(`${V3_PREFIX}/`)) return false;
  const name = path.slice(V3_PREFIX.length + 1);
  const document = openapiV3Document(name);
  if (document === undefined) return false;
  if (!acceptsOpenAPIV3Json(req.headers.accept)) throw errors.notAcceptable(['application/json']);
  res.setHeader('Vary', 'Accept');
  const hash = url.searchParams.get('hash');
  if (hash !== null && hash !== '') {
    if (hash !== document.hash) {
      res.statusCode = 301;
      res.setHeader('Location', `${V3_PREFIX}/${name}?hash=${document.hash}`);
      res.end();
      return true;
    }
    res.setHeader('Cache-Control', 'public, immutable');
    res.setHeader('Expires', new Date(Date.now() + ONE_YEAR_MS).toUTCString());
  }
  send(req, res, document, 'application/json');
  return true;
}

function send(req: IncomingRequest, res: Response, document: SerializedDocument, contentType: string): void {
  res.setHeader('ETag', document.etag);
  if (req.headers['if-none-match'] === document.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', document.body.length);
  res.end(document.body);
}
