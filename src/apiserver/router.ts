// Routes a request: resource requests to the handler of their verb and subresource,
// everything else to the non-resource endpoints (health, version, discovery, OpenAPI).

import * as errors from '../machinery/errors.js';
import type { IncomingRequest } from './http/body.js';
import { chooseOutput, type OutputChoice } from './http/negotiate.js';
import { writeError, type Response } from './http/respond.js';
import { parseRequestInfo, type ResourceRequestInfo } from './request-info.js';
import type { Registry } from './registry/registry.js';
import type { HandlerContext } from './handlers/context.js';
import { handleGet, handleList } from './handlers/read.js';
import { handleWatch } from './handlers/watch.js';
import { handleCreate, handleUpdate } from './handlers/write.js';
import { handlePatch } from './handlers/patch.js';
import { handleDelete, handleDeleteCollection } from './handlers/delete.js';
import { handleSubresource } from './handlers/subresources.js';
import { handleBinding } from './handlers/pod-subresources.js';
import type { NonResourceHandler } from './non-resource.js';
import type { AuthenticatedUser } from './pki/client-certificate-user.js';
import { reviewHandler } from './handlers/reviews.js';
import type { ServiceAccountTokens } from './authn/service-account-tokens.js';
import type { TokenAuthenticator } from './authn/bearer-tokens.js';

type Handler = (ctx: HandlerContext) => Promise<void>;

const MAIN_VERBS: Readonly<Record<string, Handler>> = {
  get: handleGet,
  list: handleList,
  watch: handleWatch,
  create: handleCreate,
  update: handleUpdate,
  patch: handlePatch,
  delete: handleDelete,
  deletecollection: handleDeleteCollection,
};

/** Verbs of the status subresource and the main-resource handler that serves each. */
const STATUS_VERBS: Readonly<Record<string, Handler>> = { get: handleGet, update: handleUpdate, patch: handlePatch };

export interface RouterDeps {
  readonly registry: Registry;
  readonly nonResource: NonResourceHandler;
  readonly shutdown: Promise<void>;
  readonly minRequestTimeoutSeconds: number;
  readonly serviceAccountTokens?: ServiceAccountTokens;
  readonly tokenAuthenticator?: TokenAuthenticator;
}

export async function route(req: IncomingRequest, res: Response, deps: RouterDeps, user: AuthenticatedUser): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://kubets');
  const method = req.method ?? 'GET';
  const info = parseRequestInfo(method, url.pathname, url.searchParams);
  let output: OutputChoice | undefined;
  const warnings: string[] = [];
  try {
    if (!info.isResourceRequest) {
      await deps.nonResource(req, res, url);
      return;
    }
    output = chooseOutput(req.headers.accept);
    const ctx = contextFor(req, res, info, url.searchParams, output, warnings, deps, user);
    const handler = handlerFor(ctx);
    await handler(ctx);
  } catch (error) {
    writeError(res, error, output);
  }
}

function contextFor(
  req: IncomingRequest,
  res: Response,
  info: ResourceRequestInfo,
  query: URLSearchParams,
  output: OutputChoice,
  warnings: string[],
  deps: RouterDeps,
  user: AuthenticatedUser,
): HandlerContext {
  const endpoint = deps.registry.endpoint(info.group, info.version, info.resource);
  if (endpoint === undefined) throw errors.genericServerResponse(404, {});
  if (!endpoint.info.namespaced && info.namespace !== '' && info.resource !== 'namespaces') {
    throw errors.genericServerResponse(404, {});
  }
  const ctx: HandlerContext = {
    req,
    res,
    info,
    query,
    endpoint,
    registry: deps.registry,
    user,
    store: endpoint.store as HandlerContext['store'],
    output,
    warnings,
    shutdown: deps.shutdown,
    minRequestTimeoutSeconds: deps.minRequestTimeoutSeconds,
    serviceAccountTokens: deps.serviceAccountTokens,
    tokenAuthenticator: deps.tokenAuthenticator,
  };
  return ctx;
}

/** Handlers of resources that are answered, not stored. */
function virtualHandler(ctx: HandlerContext): Handler | undefined {
  const { group, resource } = ctx.endpoint.info;
  if (group === '' && resource === 'bindings' && ctx.info.verb === 'create') {
    const pods = ctx.registry.storeOf('', 'pods');
    if (pods !== undefined) return (c) => handleBinding(c, pods);
  }
  if (ctx.info.verb === 'create') return reviewHandler(group, resource);
  return undefined;
}

function handlerFor(ctx: HandlerContext): Handler {
  const { info, endpoint } = ctx;
  const qr = { group: endpoint.info.group, resource: endpoint.info.resource };
  if (info.subresource === '') {
    const virtual = endpoint.store === undefined ? virtualHandler(ctx) : undefined;
    if (virtual !== undefined) return virtual;
    const handler = endpoint.store && endpoint.info.verbs.includes(info.verb) ? MAIN_VERBS[info.verb] : undefined;
    if (handler === undefined) throw errors.methodNotSupported(qr, info.verb);
    return handler;
  }
  const sub = endpoint.info.subresources.find((s) => s.name === info.subresource);
  // Only a proxy takes a path after the subresource.
  if (sub === undefined || (info.subpath !== '' && info.subresource !== 'proxy')) throw errors.genericServerResponse(404, {});
  if (!sub.verbs.includes(info.verb)) {
    throw errors.methodNotSupported({ group: qr.group, resource: `${qr.resource}/${info.subresource}` }, info.verb);
  }
  const partial = endpoint.store?.strategy.partialUpdates?.[info.subresource] !== undefined;
  if (info.subresource === 'status' || info.subresource === 'finalize' || partial) {
    const handler = STATUS_VERBS[info.verb];
    if (handler === undefined || endpoint.store === undefined) throw errors.methodNotSupported(qr, info.verb);
    return handler;
  }
  return handleSubresource;
}
