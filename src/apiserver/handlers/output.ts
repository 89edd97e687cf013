// Turning storage objects into what the client asked for: the object in the served
// version, a meta.k8s.io Table, or PartialObjectMetadata; single objects and lists.

import { printerFor } from '../../api/printers/table.js';
import type { KubeObject } from '../object.js';
import type { ListOutcome } from '../registry/reads.js';
import { encode, writeObject } from '../http/respond.js';
import { contentTypeOf } from '../http/negotiate.js';
import { apiVersionOf, type HandlerContext } from './context.js';

/** The served-version object with apiVersion and kind set. */
export function served(ctx: HandlerContext, obj: KubeObject): KubeObject {
  const converted = ctx.endpoint.conversion.fromStorage(obj) as KubeObject;
  return withType(converted, apiVersionOf(ctx.endpoint), ctx.endpoint.info.kind);
}

function withType(obj: KubeObject, apiVersion: string, kind: string): KubeObject {
  if (obj.apiVersion === apiVersion && obj.kind === kind) return obj;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion, kind, ...rest } as KubeObject;
}

/** Writes one object (from storage) in the requested shape. */
export function writeResource(ctx: HandlerContext, code: number, obj: KubeObject): void {
  const out = served(ctx, obj);
  if (ctx.output.shape === 'table') {
    writeObject(ctx.res, code, table(ctx, [out], out.metadata.resourceVersion ?? ''), ctx.output);
  } else if (ctx.output.shape === 'partial') {
    writeObject(ctx.res, code, partial(ctx, out), ctx.output);
  } else {
    writeObject(ctx.res, code, out, ctx.output);
  }
}

/** Writes a list in the requested shape. */
export function writeList(ctx: HandlerContext, outcome: ListOutcome): void {
  const metadata: Record<string, unknown> = { resourceVersion: outcome.resourceVersion };
  if (outcome.continue !== undefined) metadata.continue = outcome.continue;
  if (outcome.remainingItemCount !== undefined) metadata.remainingItemCount = outcome.remainingItemCount;
  const items = outcome.items.map((obj) => served(ctx, obj));
  if (ctx.output.shape === 'table') {
    const value = table(ctx, items, outcome.resourceVersion);
    value.metadata = metadata;
    writeObject(ctx.res, 200, value, ctx.output);
    return;
  }
  if (ctx.output.shape === 'partial') {
    const list = {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${ctx.output.metaVersion}`,
      metadata,
      items: items.map((obj) => partial(ctx, obj)),
    };
    writeObject(ctx.res, 200, list, ctx.output);
    return;
  }
  const head = { kind: ctx.endpoint.info.listKind, apiVersion: apiVersionOf(ctx.endpoint), metadata };
  if (ctx.output.format === 'yaml') {
    writeObject(ctx.res, 200, { ...head, items: items.map(withoutType) }, ctx.output);
    return;
  }
  writeJsonList(ctx, head, items);
}

/** Lists are large: encode items one by one instead of building one more big object. */
function writeJsonList(ctx: HandlerContext, head: Record<string, unknown>, items: KubeObject[]): void {
  const parts: string[] = [JSON.stringify(head).slice(0, -1), ',"items":['];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(',');
    parts.push(JSON.stringify(withoutType(items[i] as KubeObject)));
  }
  parts.push(']}');
  const body = parts.join('');
  ctx.res.statusCode = 200;
  ctx.res.setHeader('Content-Type', contentTypeOf(ctx.output));
  ctx.res.setHeader('Content-Length', Buffer.byteLength(body));
  ctx.res.end(body);
}

/** Items of a list carry no apiVersion/kind on the wire, as upstream encodes them. */
function withoutType(obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest as KubeObject;
}

/** The PartialObjectMetadata of an object. */
export function partial(ctx: HandlerContext, obj: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${ctx.output.metaVersion}`, metadata: obj.metadata };
}

interface TableValue {
  kind: 'Table';
  apiVersion: string;
  metadata: Record<string, unknown>;
  columnDefinitions: readonly unknown[];
  rows: unknown[];
}

/** A meta.k8s.io Table of served-version objects; `includeObject` chooses what each row carries. */
export function table(ctx: HandlerContext, items: KubeObject[], resourceVersion: string, withColumns = true): TableValue {
  const printer = printerFor(ctx.endpoint.info.group, ctx.endpoint.info.resource, ctx.info.subresource);
  const now = new Date();
  const include = ctx.query.get('includeObject') ?? 'Metadata';
  const ordered = printer.compare ? [...items].sort(printer.compare) : items;
  const rows = ordered.map((obj) => {
    const row: Record<string, unknown> = { cells: printer.row(obj, now) };
    const conditions = printer.conditions?.(obj);
    if (conditions !== undefined) row.conditions = conditions;
    if (include === 'Object') row.object = obj;
    else if (include !== 'None') row.object = partial(ctx, obj);
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${ctx.output.metaVersion}`,
    metadata: { resourceVersion },
    columnDefinitions: withColumns ? printer.columns : [],
    rows,
  };
}

/** A watch event's object in the requested shape (tables carry their columns only once). */
export function watchObject(ctx: HandlerContext, obj: KubeObject, firstTable: boolean): unknown {
  const out = served(ctx, obj);
  if (ctx.output.shape === 'table') return table(ctx, [out], out.metadata.resourceVersion ?? '', firstTable);
  if (ctx.output.shape === 'partial') return partial(ctx, out);
  return out;
}

export { encode };
