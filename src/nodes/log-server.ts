// The simulated kubelets' HTTP endpoint: one server on loopback for every node of a
// simulator. Each Node names its own base in the `kubets.io/kubelet-endpoint` annotation
// (`http://127.0.0.1:<port>/nodes/<node>/`), which the API server's pods/log proxies to
// instead of the node's (simulated, unreachable) address and kubelet port. It serves:
//   /containerLogs/<namespace>/<pod>/<container>  logs (also under the node's base)
//   /nodes/<node>/metrics/resource                resource metrics, Prometheus text
//   /nodes/<node>/stats/summary                   the Summary API's JSON
//
// A container writes one line a second from its start:
//   2026-11-25T17:14:21Z simulated log line 7 of default/web-0 container nginx
// (the timestamp only with `timestamps=true`). `follow=true` goes on writing until the
// container stops, the pod goes, or the client leaves.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pod } from '../client/types/core.js';
import type { Clock } from '../client/clock.js';
import { PROMETHEUS_TEXT, resourceMetricsText, statsSummary } from './kubelet-metrics.js';
import { NodeStatsCollector, type NodeView } from './node-stats.js';

export const KUBELET_ENDPOINT_ANNOTATION = 'kubets.io/kubelet-endpoint';

export interface LogServerOptions {
  /** The pod as the simulator currently sees it (from its informer), or undefined. */
  readonly pod: (namespace: string, name: string) => Pod | undefined;
  readonly clock: Clock;
  /** Time between two lines of a running container (default 1 s). */
  readonly lineIntervalMs?: number;
  /** A node this simulator runs, with its pods; undefined for any other name. */
  readonly node?: (name: string) => NodeView | undefined;
}

export interface LogServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The base URL of one node's kubelet: `http://127.0.0.1:<port>/nodes/<node>/`. */
  endpointFor(nodeName: string): string;
  close(): Promise<void>;
}

interface ContainerState {
  running?: { startedAt?: string };
  terminated?: { startedAt?: string; finishedAt?: string };
  waiting?: { reason?: string };
}

/** The parts of a container status the log server reads. */
interface ContainerStatus {
  name: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface ContainerRun {
  readonly startedAt: number;
  /** When it stopped, for a terminated container. */
  readonly finishedAt?: number;
}

export async function startLogServer(options: LogServerOptions): Promise<LogServer> {
  const interval = options.lineIntervalMs ?? 1000;
  const followers = new Set<http.ServerResponse>();
  const collector = new NodeStatsCollector();
  const server = http.createServer((req, res) => {
    try {
      serve(req, res);
    } catch (error) {
      // A malformed path (a stray % escape) must not take the simulator down.
      if (!(error instanceof URIError)) throw error;
      reply(res, 400, `malformed path: ${req.url ?? ''}`);
    }
  });
  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://kubelet');
    if (req.method !== 'GET') return reply(res, 405, 'method not allowed');
    const stats = /^\/nodes\/([^/]+)\/(metrics\/resource|stats\/summary)$/.exec(url.pathname);
    if (stats !== null) {
      const node = options.node?.(decodeURIComponent(stats[1] ?? ''));
      if (node === undefined) return reply(res, 404, `node ${decodeURIComponent(stats[1] ?? '')} is not simulated here`);
      const usage = collector.collect(node, options.clock.now());
      if (stats[2] === 'stats/summary') return reply(res, 200, JSON.stringify(statsSummary(usage)), 'application/json');
      return reply(res, 200, resourceMetricsText(usage), PROMETHEUS_TEXT);
    }
    const match = /^(?:\/nodes\/[^/]+)?\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (match === null) return reply(res, 404, 'not found');
    const [namespace, name, container] = match.slice(1).map(decodeURIComponent) as [string, string, string];
    const pod = options.pod(namespace, name);
    if (pod === undefined) return reply(res, 404, `pod ${namespace}/${name} not found on this node`);
    const previous = url.searchParams.get('previous') === 'true';
    const run = containerRun(pod, container, previous);
    if (typeof run === 'string') return reply(res, 400, run);
    const timestamps = url.searchParams.get('timestamps') === 'true';
    const line = (i: number) => {
      const text = `simulated log line ${i + 1} of ${namespace}/${name} container ${container}\n`;
      return timestamps ? `${new Date(run.startedAt + i * interval).toISOString()} ${text}` : text;
    };
    const end = run.finishedAt ?? options.clock.now();
    let count = Math.max(0, Math.floor((end - run.startedAt) / interval) + 1);
    let first = 0;
    const tail = url.searchParams.get('tailLines');
    if (tail !== null && Number(tail) >= 0) first = Math.max(0, count - Number(tail));
    const since = url.searchParams.get('sinceSeconds');
    if (since !== null) first = Math.max(first, Math.ceil((end - Number(since) * 1000 - run.startedAt) / interval));
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    const limit = Number(url.searchParams.get('limitBytes') ?? Infinity);
    let written = 0;
    const write = (text: string): boolean => {
      if (written >= limit) return false;
      const chunk = written + text.length > limit ? text.slice(0, limit - written) : text;
      written += chunk.length;
      res.write(chunk);
      return written < limit;
    };
    for (let i = first; i < count; i++) if (!write(line(i))) return void res.end();
    if (url.searchParams.get('follow') !== 'true' || run.finishedAt !== undefined || previous) return void res.end();
    followers.add(res);
    const timer = setInterval(() => {
      const now = options.pod(namespace, name);
      const current = now === undefined ? undefined : containerRun(now, container, false);
      if (current === undefined || typeof current === 'string' || current.finishedAt !== undefined) return stop();
      if (!write(line(count++))) stop();
    }, interval);
    const stop = () => {
      clearInterval(timer);
      followers.delete(res);
      res.end();
    };
    res.on('close', stop);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    endpointFor: (nodeName) => `http://127.0.0.1:${port}/nodes/${encodeURIComponent(nodeName)}/`,
    close: async () => {
      for (const res of followers) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** When the container ran, or the kubelet's message for why there are no logs. */
function containerRun(pod: Pod, container: string, previous: boolean): ContainerRun | string {
  const name = pod.metadata?.name ?? '';
  const podStatus = (pod.status ?? {}) as { initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] };
  const statuses = [...(podStatus.initContainerStatuses ?? []), ...(podStatus.containerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  if (status === undefined) return `container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: ContainerCreating`;
  if (previous) {
    const last = status.lastState?.terminated;
    if (!last?.startedAt) return `previous terminated container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} not found`;
    return { startedAt: Date.parse(last.startedAt), finishedAt: Date.parse(last.finishedAt ?? last.startedAt) };
  }
  const running = status.state?.running;
  if (running?.startedAt) return { startedAt: Date.parse(running.startedAt) };
  const terminated = status.state?.terminated;
  if (terminated?.startedAt) return { startedAt: Date.parse(terminated.startedAt), finishedAt: Date.parse(terminated.finishedAt ?? terminated.startedAt) };
  const reason = status.state?.waiting?.reason ?? 'ContainerCreating';
  return `container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: ${reason}`;
}

function reply(res: http.ServerResponse, code: number, body: string, contentType = 'text/plain'): void {
  res.writeHead(code, { 'Content-Type': contentType });
  res.end(body);
}
