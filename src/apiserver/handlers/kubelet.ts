// Reaching a node's kubelet, as upstream's API server does for pods/log and nodes/proxy.
// Simulated nodes name their endpoint in the `kubets.io/kubelet-endpoint` annotation
// (their addresses are not reachable); other nodes are reached at their InternalIP and
// kubelet port, over HTTPS.

import http from 'node:http';
import https from 'node:https';
import * as errors from '../../machinery/errors.js';
import type { KubeObject } from '../object.js';
import type { HandlerContext } from './context.js';

const KUBELET_ENDPOINT_ANNOTATION = 'kubets.io/kubelet-endpoint';

/** What the kubelet-bound handlers read of a pod: where it runs and its containers. */
export interface PodOnNode {
  spec?: { nodeName?: string; containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
}

/**
 * The container a log, exec or attach request means (upstream's validateContainer): the
 * requested one if the pod has it, else the pod's only container; upstream's 400s otherwise.
 */
export function containerOf(pod: PodOnNode, podName: string, requested: string | null): string {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => c.name);
  if (requested) {
    if (!all.includes(requested)) throw errors.badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  const main = pod.spec?.containers ?? [];
  if (main.length === 1) return main[0]!.name;
  if (main.length === 0) throw errors.badRequest(`a container name must be specified for pod ${podName}`);
  throw errors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]`);
}

/** The node named `nodeName`, or upstream's 404. */
export async function nodeNamed(ctx: HandlerContext, nodeName: string): Promise<KubeObject> {
  const nodes = ctx.registry.storeOf('', 'nodes');
  const node = nodes === undefined ? undefined : await nodes.readLatest('', nodeName);
  if (node === undefined) throw errors.notFound({ group: '', resource: 'nodes' }, nodeName);
  return node;
}

/** Whether the node is one of kubets' simulated nodes (its kubelet endpoint is annotated). */
export function isSimulated(node: KubeObject): boolean {
  return node.metadata.annotations?.[KUBELET_ENDPOINT_ANNOTATION] !== undefined;
}

/** The base URL of the node's kubelet, ending in `/`. */
export function kubeletBase(node: KubeObject): string {
  const annotated = node.metadata.annotations?.[KUBELET_ENDPOINT_ANNOTATION];
  if (annotated) return annotated.endsWith('/') ? annotated : `${annotated}/`;
  const status = (node.status ?? {}) as { addresses?: { type: string; address: string }[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
  const address = status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? status.addresses?.[0]?.address;
  if (address === undefined) throw errors.badRequest(`node ${node.metadata.name ?? ''} has no address to reach its kubelet at`);
  return `https://${address.includes(':') ? `[${address}]` : address}:${status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250}/`;
}

/** What to do with the kubelet's answer. */
export interface KubeletAnswer {
  /** Non-200 answers: upstream's 404, or a 400 with the kubelet's words (pods/log); else passed on as they are. */
  readonly errorsAsStatus: boolean;
  /** The Content-Type to answer with; the kubelet's own when unset. */
  readonly contentType?: string;
}

/** GETs `url` from the kubelet and streams its answer to the client. */
export function proxyGet(ctx: HandlerContext, url: URL, answer: KubeletAnswer): Promise<void> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(url, { rejectUnauthorized: false }, (upstream) => {
      const code = upstream.statusCode ?? 500;
      if (code !== 200 && answer.errorsAsStatus) {
        let text = '';
        upstream.setEncoding('utf8');
        upstream.on('data', (d: string) => (text += d));
        upstream.on('end', () => reject(code === 404 ? errors.genericServerResponse(404, {}) : errors.badRequest(text.trim())));
        return;
      }
      ctx.res.statusCode = code;
      const contentType = answer.contentType ?? upstream.headers['content-type'];
      if (contentType !== undefined) ctx.res.setHeader('Content-Type', contentType);
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
