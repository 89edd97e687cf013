// The seam between the REST client and the wire. A Transport takes one HTTP request and
// returns the response headers and a body stream; everything above it (rate limits,
// retries, errors, JSON, watches) is the same whether the bytes cross a socket (HTTP/1.1
// or HTTP/2, http-transport.ts / http2-transport.ts) or stay in the process
// (function-transport.ts, which the API server can serve directly).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  readonly method: HttpMethod;
  /** Absolute path with query: `/api/v1/namespaces/default/pods?limit=500`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborting ends the request or its body stream (the body iterator then throws). */
  readonly signal?: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /**
   * The body as it arrives, consumed at most once. Iteration throws NetworkError when the
   * stream breaks and RequestAbortedError when the request's signal aborts it.
   */
  readonly body: AsyncIterable<Uint8Array | string>;
  /**
   * An in-process transport may hand over the decoded JSON body instead of bytes (then
   * `body` is empty). The client owns this value: the transport must not keep or share it.
   */
  readonly object?: unknown;
  /** Stops the body stream and frees its connection resources; safe to call twice. */
  abort(): void;
}

/**
 * Carries requests to one API server.
 * Contract: `request` resolves once the response status and headers are in (the body
 * may still be streaming); it rejects with NetworkError when no response arrived (kind
 * 'connect' only when the request certainly never reached the server) and with
 * RequestAbortedError when the signal aborted it. After `close()` resolves, the
 * transport holds no socket, timer or session.
 */
export interface Transport {
  /** For messages: `https://127.0.0.1:6443`. */
  readonly baseUrl: string;
  /** The HTTP version in use, once known (`1.1`, `2`, `in-process`). */
  readonly protocol: string;
  request(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

/** TLS and address settings of a socket transport, as a kubeconfig gives them. */
export interface ConnectionConfig {
  /** `https://host:port` or `http://host:port`. */
  readonly server: string;
  readonly caPem?: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly tlsServerName?: string;
}
