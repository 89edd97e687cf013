// The in-process transport: requests go to a function instead of a socket. The API
// server can serve one directly (components in its process then skip TLS, sockets and,
// for unary responses, JSON encoding); tests use it to put a fake or a recorder in
// front of a real transport.

import { ClientClosedError, RequestAbortedError } from '../errors.js';
import { transportError } from './body.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/**
 * Serves one request.
 * Contract: as Transport.request — resolve with status, headers and body (or a decoded
 * `object` the caller may own); reject only when there is no response.
 */
export type RequestHandler = (request: TransportRequest) => Promise<TransportResponse>;

export class FunctionTransport implements Transport {
  readonly protocol = 'in-process';
  private closed = false;

  constructor(
    private readonly handler: RequestHandler,
    readonly baseUrl = 'in-process://kubets',
  ) {}

  async request(req: TransportRequest): Promise<TransportResponse> {
    if (this.closed) throw new ClientClosedError();
    if (req.signal?.aborted) throw new RequestAbortedError(req.method, this.baseUrl + req.path);
    const url = this.baseUrl + req.path;
    // The signal ends the wait for a response even if the handler ignores it.
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(new RequestAbortedError(req.method, url));
      req.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.handler(req), aborted]);
    } catch (error) {
      throw transportError(error, req.method, url, req.signal);
    } finally {
      if (onAbort !== undefined) req.signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A complete response holding a decoded JSON value (no bytes to parse). */
export function objectResponse(status: number, object: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: noBytes(), object, abort: () => {} };
}

async function* noBytes(): AsyncIterable<Uint8Array> {}
