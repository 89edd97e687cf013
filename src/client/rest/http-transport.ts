// HTTP/1.1 with keep-alive: a Node Agent holds idle connections open for reuse (and
// unreferenced, so that they never keep the process alive), one request per connection
// at a time.

import http from 'node:http';
import https from 'node:https';
import { NetworkError } from '../errors.js';
import { flattenHeaders, mappedBody, transportError } from './body.js';
import type { ConnectionConfig, Transport, TransportRequest, TransportResponse } from './transport.js';

export class HttpTransport implements Transport {
  readonly protocol = '1.1';
  readonly baseUrl: string;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly secure: boolean;

  constructor(private readonly config: ConnectionConfig) {
    this.url = new URL(config.server);
    this.baseUrl = this.url.origin;
    this.secure = this.url.protocol === 'https:';
    this.agent = this.secure
      ? new https.Agent({
          keepAlive: true,
          ca: config.caPem,
          cert: config.certPem,
          key: config.keyPem,
          rejectUnauthorized: !config.insecureSkipTlsVerify,
          servername: config.tlsServerName,
        })
      : new http.Agent({ keepAlive: true });
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    const url = this.baseUrl + req.path;
    return new Promise((resolve, reject) => {
      const options: https.RequestOptions = {
        protocol: this.url.protocol,
        hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
        port: this.url.port,
        method: req.method,
        path: req.path,
        headers: req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        agent: this.agent,
        signal: req.signal,
      };
      let connected = false;
      const request = (this.secure ? https : http).request(options, (res) => {
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: mappedBody(res, req.method, url, req.signal),
          abort: () => res.destroy(),
        });
      });
      request.on('socket', (socket) => {
        // A reused socket is already connected; a new one reports when it is.
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      request.on('error', (error) => {
        const mapped = transportError(error, req.method, url, req.signal);
        // A request that failed before its connection was made certainly never arrived.
        const unsent = mapped instanceof NetworkError && !connected && mapped.kind !== 'connect';
        reject(unsent ? new NetworkError('connect', req.method, url, error.message, { cause: error }) : mapped);
      });
      request.end(req.body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
