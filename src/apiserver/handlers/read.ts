// GET of one object and of a collection.

import { listObjects } from '../registry/reads.js';
import { buildFilter } from '../selectors.js';
import type { HandlerContext } from './context.js';
import { writeList, writeResource } from './output.js';

export async function handleGet(ctx: HandlerContext): Promise<void> {
  const obj = await ctx.store.get(ctx.info.namespace, ctx.info.name);
  writeResource(ctx, 200, obj);
}

export async function handleList(ctx: HandlerContext): Promise<void> {
  const filter = buildFilter(ctx.endpoint, ctx.query);
  const limit = ctx.query.get('limit');
  const outcome = await listObjects(ctx.store, {
    namespace: ctx.info.namespace,
    matches: filter.matches,
    filtered: filter.filtered,
    limit: limit === null ? undefined : Number(limit) || undefined,
    continue: ctx.query.get('continue') ?? undefined,
    resourceVersion: ctx.query.get('resourceVersion') ?? undefined,
    resourceVersionMatch: ctx.query.get('resourceVersionMatch') ?? undefined,
  });
  writeList(ctx, outcome);
}
