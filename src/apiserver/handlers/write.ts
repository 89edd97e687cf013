// POST (create) and PUT (update, also of the status subresource).

import * as errors from '../../machinery/errors.js';
import type { KubeObject } from '../object.js';
import { isDryRun, type HandlerContext } from './context.js';
import { decodeObject } from './decode.js';
import { writeResource } from './output.js';

export async function handleCreate(ctx: HandlerContext): Promise<void> {
  const obj = await decodeObject(ctx);
  if (ctx.info.name !== '' && obj.metadata.name && obj.metadata.name !== ctx.info.name) {
    throw errors.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${ctx.info.name})`);
  }
  const stored = ctx.endpoint.conversion.toStorage(obj) as KubeObject;
  const created = await ctx.store.create(ctx.info.namespace, stored, { dryRun: isDryRun(ctx.query), requester: ctx.user });
  writeResource(ctx, 201, created);
}

export async function handleUpdate(ctx: HandlerContext): Promise<void> {
  const obj = await decodeObject(ctx);
  checkNameAndNamespace(ctx, obj);
  const stored = ctx.endpoint.conversion.toStorage(obj) as KubeObject;
  const { object, created } = await ctx.store.update(ctx.info.namespace, ctx.info.name, () => stored, {
    subresource: ctx.info.subresource,
    dryRun: isDryRun(ctx.query),
    createIfMissing: ctx.info.subresource === '' && ctx.store.strategy.allowCreateOnUpdate,
    strictResourceVersion: !!obj.metadata.resourceVersion,
  });
  writeResource(ctx, created ? 201 : 200, object);
}

/** An update's body must name the object of the URL. */
export function checkNameAndNamespace(ctx: HandlerContext, obj: KubeObject): void {
  const name = obj.metadata.name;
  if (name !== ctx.info.name) {
    throw errors.badRequest(`the name of the object (${name ?? ''}) does not match the name on the URL (${ctx.info.name})`);
  }
  const ns = obj.metadata.namespace;
  if (ctx.store.identity.namespaced && ns && ns !== ctx.info.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}
