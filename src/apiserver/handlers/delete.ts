// DELETE of one object and of a collection. Options come from the body (DeleteOptions)
// and from query parameters, as upstream accepts both. The body is JSON, or protobuf from
// client-go's typed clients (kubectl drain, controllers).

import * as errors from '../../machinery/errors.js';
import { decodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/index.js';
import type { DeleteOptions } from '../registry/generic-store.js';
import { listObjects } from '../registry/reads.js';
import { readBody } from '../http/body.js';
import { parseMediaTypes } from '../http/negotiate.js';
import { isPlainObject, type KubeObject } from '../object.js';
import { buildFilter } from '../selectors.js';
import { apiVersionOf, isDryRun, type HandlerContext } from './context.js';
import { served, writeResource } from './output.js';
import { writeObject } from '../http/respond.js';

const POLICIES = ['Orphan', 'Background', 'Foreground'] as const;

export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await deleteOptions(ctx);
  const outcome = await ctx.store.delete(ctx.info.namespace, ctx.info.name, options);
  if (!outcome.deleted || ctx.store.strategy.returnDeletedObject) {
    writeResource(ctx, 200, outcome.object);
    return;
  }
  writeObject(ctx.res, 200, successStatus(ctx, outcome.object), { ...ctx.output, shape: 'object' });
}

export async function handleDeleteCollection(ctx: HandlerContext): Promise<void> {
  const options = await deleteOptions(ctx);
  const filter = buildFilter(ctx.endpoint, ctx.query);
  const { items, resourceVersion } = await listObjects(ctx.store, {
    namespace: ctx.info.namespace,
    matches: filter.matches,
    filtered: filter.filtered,
  });
  const deleted: KubeObject[] = [];
  for (const item of items) {
    try {
      const outcome = await ctx.store.delete(item.metadata.namespace ?? '', item.metadata.name ?? '', options);
      deleted.push(outcome.object);
    } catch (error) {
      // Gone in the meantime: that is what the caller wanted.
      if (!errors.isNotFound(error)) throw error;
    }
  }
  const list = {
    kind: ctx.endpoint.info.listKind,
    apiVersion: apiVersionOf(ctx.endpoint),
    metadata: { resourceVersion },
    items: deleted.map((obj) => served(ctx, obj)),
  };
  writeObject(ctx.res, 200, list, { ...ctx.output, shape: 'object' });
}

/** Upstream's answer to a completed delete of a kind that does not return the object. */
function successStatus(ctx: HandlerContext, obj: KubeObject): Record<string, unknown> {
  const details: Record<string, unknown> = { name: obj.metadata.name };
  if (ctx.endpoint.info.group) details.group = ctx.endpoint.info.group;
  details.kind = ctx.endpoint.info.resource;
  details.uid = obj.metadata.uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

async function deleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const body = await readBody(ctx.req);
  let fromBody: Record<string, unknown> = {};
  if (body.length > 0) {
    const protobuf = parseMediaTypes(ctx.req.headers['content-type'])[0]?.type === PROTOBUF_MEDIA_TYPE;
    try {
      const parsed: unknown = protobuf ? decodeKubernetesProtobuf(body).object : JSON.parse(body.toString('utf8'));
      if (isPlainObject(parsed)) fromBody = parsed;
    } catch (error) {
      throw errors.badRequest(`error decoding DeleteOptions: ${(error as Error).message}`);
    }
  }
  const q = ctx.query;
  const policy = (q.get('propagationPolicy') ?? fromBody.propagationPolicy ?? orphanPolicy(q, fromBody)) as string | undefined;
  if (policy !== undefined && !(POLICIES as readonly string[]).includes(policy)) {
    throw errors.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', []);
  }
  const grace = q.get('gracePeriodSeconds') ?? fromBody.gracePeriodSeconds;
  const dryRun = isDryRun(q) || (Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes('All'));
  const preconditions = isPlainObject(fromBody.preconditions) ? (fromBody.preconditions as DeleteOptions['preconditions']) : undefined;
  return {
    dryRun,
    preconditions,
    propagationPolicy: policy as DeleteOptions['propagationPolicy'],
    gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace),
  };
}

/** The deprecated orphanDependents flag, as a policy. */
function orphanPolicy(q: URLSearchParams, body: Record<string, unknown>): string | undefined {
  const orphan = q.get('orphanDependents') ?? body.orphanDependents;
  if (orphan === undefined || orphan === null) return undefined;
  return orphan === true || orphan === 'true' ? 'Orphan' : 'Background';
}
