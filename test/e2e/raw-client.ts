// A minimal HTTPS client for tests that need to see exactly what the server sends:
// status codes, headers, raw bodies and watch streams.

import https from 'node:https';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly anonymous?: boolean;
}

export class RawClient {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(kubeconfigPath: string) {
    const target = loadKubeconfig(kubeconfigPath);
    this.base = new URL(target.server);
    this.agent = new https.Agent({
      ca: target.certificateAuthorityPem,
      cert: target.clientCertificatePem,
      key: target.clientKeyPem,
      keepAlive: true,
    });
  }

  request(req: RawRequest): Promise<RawResponse> {
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    return new Promise((resolve, reject) => {
      const r = https.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path: req.path,
          method: req.method ?? 'GET',
          agent: req.anonymous ? new https.Agent({ ca: (this.agent.options as https.AgentOptions).ca }) : this.agent,
          headers: {
            ...(body !== undefined ? { 'Content-Type': req.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
            ...(req.accept ? { Accept: req.accept } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text,
              json: <T>() => JSON.parse(text) as T,
            }),
          );
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  }

  /** Opens a watch and collects events until `until` says stop or the stream ends. */
  watch(path: string, until: (events: WatchEvent[]) => boolean, timeoutMs = 10_000): Promise<WatchEvent[]> {
    return new Promise((resolve, reject) => {
      const events: WatchEvent[] = [];
      let buffer = '';
      const r = https.request({ host: this.base.hostname, port: this.base.port, path, agent: this.agent }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buffer += d;
          let nl;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            events.push(JSON.parse(buffer.slice(0, nl)) as WatchEvent);
            buffer = buffer.slice(nl + 1);
          }
          if (until(events)) {
            clearTimeout(timer);
            r.destroy();
            resolve(events);
          }
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(events);
        });
      });
      const timer = setTimeout(() => {
        r.destroy();
        reject(new Error(`watch ${path} timed out with ${events.length} events: ${JSON.stringify(events.map((e) => e.type))}`));
      }, timeoutMs);
      r.on('error', (e) => {
        if (!r.destroyed) reject(e);
      });
      r.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface WatchEvent {
  readonly type: string;
  readonly object: { kind?: string; metadata: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; [k: string]: unknown };
}
