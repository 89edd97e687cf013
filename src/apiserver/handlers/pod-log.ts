// GET pods/{name}/log: the API server finds the pod's container and node and streams the
// log from the node's kubelet, as upstream proxies to the kubelet's /containerLogs.
// Simulated nodes name their log endpoint in the `kubets.io/kubelet-endpoint` annotation
// (their addresses are not reachable); other nodes are reached at their InternalIP and
// kubelet port.

import http from 'node:http';
import https from 'node:https';
import * as errors from '../../machinery/errors.js';
import type { KubeObject } from '../object.js';
import type { HandlerContext } from './context.js';

const KUBELET_ENDPOINT_ANNOTATION = 'kubets.io/kubelet-endpoint';
const PASSED_ON = ['follow', 'previous', 'sinceSeconds', 'sinceTime', 'timestamps', 'tailLines', 'limitBytes'];

interface PodShape {
  spec?: { nodeName?: string; containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
}

export async function handlePodLog(ctx: HandlerContext): Promise<void> {
  const { namespace, name } = ctx.info;
  const pod = (await ctx.store.get(namespace, name)) as KubeObject & PodShape;
  const container = containerOf(pod, name, ctx.query.get('container'));
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) {
    throw errors.badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: ContainerCreating`);
  }
  const nodes = ctx.registry.storeOf('', 'nodes');
  const node = nodes === undefined ? undefined : await nodes.readLatest('', nodeName);
  if (node === undefined) throw errors.notFound({ group: '', resource: 'nodes' }, nodeName);
  const query = new URLSearchParams();
  for (const key of PASSED_ON) {
    const value = ctx.query.get(key);
    if (value !== null) query.set(key, value);
  }
  const path = `/containerLogs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/${encodeURIComponent(container)}?${query.toString()}`;
  await proxy(ctx, new URL(path, kubeletBase(node)));
}

/** The container a log request means; upstream's messages when it cannot tell. */
function containerOf(pod: PodShape, podName: string, requested: string | null): string {
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => c.name);
  if (requested) {
    if (!names.includes(requested)) throw errors.badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  const main = (pod.spec?.containers ?? []).map((c) => c.name);
  if (main.length === 1) return main[0] as string;
  throw errors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${main.join(' ')}]`);
}

function kubeletBase(node: KubeObject): string {
  const annotated = node.metadata.annotations?.[KUBELET_ENDPOINT_ANNOTATION];
  if (annotated) return annotated;
  const status = (node.status ?? {}) as { addresses?: { type: string; address: string }[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
  const address = status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? status.addresses?.[0]?.address;
  if (address === undefined) throw errors.badRequest(`node ${node.metadata.name ?? ''} has no address to reach its kubelet at`);
  return `https://${address.includes(':') ? `[${address}]` : address}:${status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250}`;
}

/** Streams the kubelet's answer; its errors become upstream's 400/404 with the kubelet's words. */
function proxy(ctx: HandlerContext, url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(url, { rejectUnauthorized: false }, (upstream) => {
      const code = upstream.statusCode ?? 500;
      if (code !== 200) {
        let text = '';
        upstream.setEncoding('utf8');
        upstream.on('data', (d: string) => (text += d));
        upstream.on('end', () => reject(code === 404 ? errors.genericServerResponse(404, {}) : errors.badRequest(text.trim())));
        return;
      }
      ctx.res.statusCode = 200;
      ctx.res.setHeader('Content-Type', 'text/plain');
      (ctx.res as { flushHeaders?: () => void }).flushHeaders?.();
      upstream.on('data', (chunk: Buffer) => ctx.res.write(chunk));
      upstream.on('end', () => {
        ctx.res.end();
        resolve();
      });
      upstream.on('error', () => {
        ctx.res.end();
        resolve();
      });
    });
    request.on('error', (error) => reject(errors.internalError(`Get "${url.toString()}": ${error.message}`)));
    ctx.res.on('close', () => request.destroy());
  });
}
