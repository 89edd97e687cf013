// kube-scheduler's HTTP endpoint: /healthz and /livez (the process answers), /readyz (the
// scheduler has synced and is scheduling) and /metrics (Prometheus text). Upstream serves
// them over HTTPS on 10259 with delegated authentication; kubets serves plain HTTP, by
// default on loopback, so that a local Prometheus or curl can read it without credentials.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_TEXT } from '../../machinery/metrics/text.js';

export interface EndpointOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The /metrics body. */
  readonly metrics: () => string;
  /** Whether /readyz says ok. */
  readonly ready: () => boolean;
}

export interface SchedulerEndpoint {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the endpoint; resolves once it listens, rejects when it cannot (port in use). */
export function serveSchedulerEndpoint(options: EndpointOptions): Promise<SchedulerEndpoint> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const text = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed\n');
    switch (path) {
      case '/healthz':
      case '/livez':
        return text(200, 'ok');
      case '/readyz':
        return options.ready() ? text(200, 'ok') : text(500, '[-]scheduler not ready: informers not synced\nreadyz check failed');
      case '/metrics':
        return text(200, options.metrics(), PROMETHEUS_TEXT);
      default:
        return text(404, '404 page not found\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive scrapers must not hold close() up.
            server.closeIdleConnections();
          }),
      });
    });
  });
}
