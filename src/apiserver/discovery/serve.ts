// The HTTP side of discovery and OpenAPI: which document a GET of `/api`, `/apis`,
// `/apis/<group>`, `/api/v1`, `/apis/<group>/<version>` or an OpenAPI path gets, in
// which form, with which headers. The documents themselves are pure functions of the
// API catalogue (legacy.ts, aggregated.ts, ../openapi/).

import { groups } from '../../api/catalogue.js';
import type { IncomingRequest } from '../http/body.js';
import { chooseOutput } from '../http/negotiate.js';
import { writeObject, type Response } from '../http/respond.js';
import { serveOpenAPI } from '../openapi/serve.js';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, aggregatedDiscovery, type DiscoveryRoot } from './aggregated.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy.js';
import { negotiateDiscovery } from './negotiate.js';

export interface DiscoveryEndpoints {
  /**
   * Answers a discovery or OpenAPI request and returns true; returns false, having
   * written nothing, when the path is not one of them (the caller answers 404). Throws
   * an APIError (406) when the client accepts no form the document has.
   */
  serve(req: IncomingRequest, res: Response, url: URL): Promise<boolean>;
  /** The discovery and OpenAPI paths, for the list `GET /` answers with. */
  rootPaths(): string[];
}

export function discoveryEndpoints(): DiscoveryEndpoints {
  return {
    // The executor turns a thrown APIError (406) into a rejection.
    serve: (req, res, url) => new Promise<boolean>((resolve) => resolve(serve(req, res, url))),
    rootPaths,
  };
}

function serve(req: IncomingRequest, res: Response, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/api' || path === '/apis') return serveRoot(req, res, path === '/api' ? 'api' : 'apis');
  if (path.startsWith('/openapi/')) return serveOpenAPI(req, res, url);
  const document = groupDocument(path);
  if (document === undefined) return false;
  writeObject(res, 200, document, chooseOutput(req.headers.accept, false));
  return true;
}

/** `/api/<version>`, `/apis/<group>` or `/apis/<group>/<version>`; undefined for anything else. */
function groupDocument(path: string): object | undefined {
  const [prefix, first, second, ...rest] = path.split('/').filter((s) => s !== '');
  if (first === undefined || rest.length > 0) return undefined;
  if (prefix === 'api') return second === undefined ? apiResourceList('', first) : undefined;
  if (prefix === 'apis') return second === undefined ? apiGroup(first) : apiResourceList(first, second);
  return undefined;
}

/**
 * `/api` and `/apis`: aggregated discovery when the client asks for it (with an ETag and
 * 304 for a matching If-None-Match, as upstream), the unaggregated document otherwise.
 */
function serveRoot(req: IncomingRequest, res: Response, root: DiscoveryRoot): boolean {
  if (negotiateDiscovery(req.headers.accept) === 'legacy') {
    const value = root === 'api' ? apiVersions(serverAddressOf(req)) : apiGroupList();
    writeObject(res, 200, value, chooseOutput(req.headers.accept, false));
    return true;
  }
  const document = aggregatedDiscovery(root);
  res.setHeader('ETag', document.etag);
  res.setHeader('Vary', 'Accept');
  res.setHeader('Cache-Control', 'public');
  if (req.headers['if-none-match'] === document.etag) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', AGGREGATED_DISCOVERY_CONTENT_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(document.body));
  res.end(document.body);
  return true;
}

/** `host:port` of the address the client reached. */
function serverAddressOf(req: IncomingRequest): string {
  const { localAddress = '127.0.0.1', localPort = 0 } = req.socket;
  const address = localAddress.replace(/^::ffff:(?=\d+\.)/, '');
  return address.includes(':') ? `[${address}]:${localPort}` : `${address}:${localPort}`;
}

/** Like upstream's `GET /`, the list also names the health and version endpoints. */
function rootPaths(): string[] {
  const paths = ['/api', '/apis', '/apis/', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/openapi/v3/', '/readyz', '/version'];
  for (const group of groups()) {
    if (group.name === '') paths.push(...group.versions.map((v) => `/api/${v}`));
    else paths.push(`/apis/${group.name}`, ...group.versions.map((v) => `/apis/${group.name}/${v}`));
  }
  return paths.sort();
}
