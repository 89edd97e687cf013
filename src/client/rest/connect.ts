// Choosing a socket transport for a server: HTTP/2 when the server offers it during the
// TLS handshake (ALPN), HTTP/1.1 with keep-alive otherwise, or as configured.

import { isIP } from 'node:net';
import tls from 'node:tls';
import { NetworkError } from '../errors.js';
import { transportError } from './body.js';
import { Http2Transport } from './http2-transport.js';
import { HttpTransport } from './http-transport.js';
import type { ConnectionConfig, Transport, TransportRequest, TransportResponse } from './transport.js';

/** 'auto': HTTP/2 if the server negotiates it; 'always' / 'never': as said. */
export type Http2Mode = 'auto' | 'always' | 'never';

export function connectTransport(config: ConnectionConfig, http2: Http2Mode = 'auto'): Transport {
  if (new URL(config.server).protocol !== 'https:' || http2 === 'never') return new HttpTransport(config);
  if (http2 === 'always') return new Http2Transport(config);
  return new NegotiatingTransport(config);
}

/** Asks the server once which protocol it speaks, then uses that transport for good. */
class NegotiatingTransport implements Transport {
  readonly baseUrl: string;
  private chosen: Promise<Transport> | undefined;
  private resolved: Transport | undefined;

  constructor(private readonly config: ConnectionConfig) {
    this.baseUrl = new URL(config.server).origin;
  }

  get protocol(): string {
    return this.resolved?.protocol ?? 'unknown';
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    this.chosen ??= this.negotiate();
    let transport: Transport;
    try {
      transport = await this.chosen;
    } catch (error) {
      // Unreachable for now: ask again on the next request.
      this.chosen = undefined;
      const mapped = transportError(error, req.method, this.baseUrl + req.path, req.signal);
      // The probe failed before any request was written.
      if (mapped instanceof NetworkError && mapped.kind !== 'connect' && mapped.kind !== 'tls') {
        throw new NetworkError('connect', req.method, this.baseUrl + req.path, (error as Error).message, { cause: error });
      }
      throw mapped;
    }
    this.resolved = transport;
    return transport.request(req);
  }

  async close(): Promise<void> {
    const transport = await this.chosen?.catch(() => undefined);
    await transport?.close();
  }

  private async negotiate(): Promise<Transport> {
    const protocol = await offeredProtocol(this.config);
    return protocol === 'h2' ? new Http2Transport(this.config) : new HttpTransport(this.config);
  }
}

const PROBE_TIMEOUT_MS = 30_000;

function offeredProtocol(config: ConnectionConfig): Promise<string | false> {
  const url = new URL(config.server);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      ALPNProtocols: ['h2', 'http/1.1'],
      ca: config.caPem,
      cert: config.certPem,
      key: config.keyPem,
      rejectUnauthorized: !config.insecureSkipTlsVerify,
      servername: config.tlsServerName ?? (isIP(host) ? undefined : host),
    });
    // A server that accepts but never completes the handshake must not hang every request.
    socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' })));
    socket.once('secureConnect', () => {
      resolve(socket.alpnProtocol ?? false);
      socket.destroy();
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}
