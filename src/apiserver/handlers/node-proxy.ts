// GET nodes/{name}/proxy/{path}: the node's kubelet answers `path` (its /metrics/resource,
// /stats/summary, …), as upstream's API server proxies to it; status, type and body are
// the kubelet's. Only GET: the simulated kubelets serve nothing else.

import * as errors from '../../machinery/errors.js';
import type { HandlerContext } from './context.js';
import { kubeletBase, nodeNamed, proxyGet } from './kubelet.js';

export async function handleNodeProxy(ctx: HandlerContext): Promise<void> {
  if (ctx.info.verb !== 'get') throw errors.methodNotSupported({ group: '', resource: 'nodes/proxy' }, ctx.info.verb);
  const node = await nodeNamed(ctx, ctx.info.name);
  const url = new URL(ctx.info.subpath.split('/').map(encodeURIComponent).join('/'), kubeletBase(node));
  url.search = ctx.query.toString();
  await proxyGet(ctx, url, { errorsAsStatus: false });
}
