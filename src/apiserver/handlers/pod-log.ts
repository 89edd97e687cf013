// GET pods/{name}/log: the API server finds the pod's container and node and streams the
// log from the node's kubelet (kubelet.ts), as upstream proxies to the kubelet's
// /containerLogs.

import * as errors from '../../machinery/errors.js';
import type { KubeObject } from '../object.js';
import type { HandlerContext } from './context.js';
import { containerOf, type PodOnNode, kubeletBase, nodeNamed, proxyGet } from './kubelet.js';
const PASSED_ON = ['follow', 'previous', 'sinceSeconds', 'sinceTime', 'timestamps', 'tailLines', 'limitBytes'];

export async function handlePodLog(ctx: HandlerContext): Promise<void> {
  const { namespace, name } = ctx.info;
  const pod = (await ctx.store.get(namespace, name)) as KubeObject & PodOnNode;
  const container = containerOf(pod, name, ctx.query.get('container'));
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) {
    throw errors.badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: ContainerCreating`);
  }
  const node = await nodeNamed(ctx, nodeName);
  const query = new URLSearchParams();
  for (const key of PASSED_ON) {
    const value = ctx.query.get(key);
    if (value !== null) query.set(key, value);
  }
  const path = `containerLogs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/${encodeURIComponent(container)}?${query.toString()}`;
  await proxyGet(ctx, new URL(path, kubeletBase(node)), { errorsAsStatus: true, contentType: 'text/plain' });
}

