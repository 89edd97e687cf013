// The client's error taxonomy. A request fails in one of three ways, each its own type:
// - the server answered with an error: machinery's APIError, rebuilt from the Status body
//   (isNotFound, isConflict, … work on it);
// - no answer came: NetworkError (refused, reset, TLS, timed out, stream broken);
// - the answer could not be read: DecodeError.
// Plus the caller's own doing: RequestAbortedError and ClientClosedError.

/** Why a request got no (complete) answer. */
export type NetworkErrorKind = 'connect' | 'reset' | 'timeout' | 'tls' | 'other';

/** Thrown when a request got no complete answer from the server (never an HTTP status). */
export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkErrorKind,
    readonly method: string,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${url}: ${message}`, options);
    this.name = 'NetworkError';
  }

  /** The system error code of the cause (ECONNREFUSED, ECONNRESET, …), if any. */
  get code(): string | undefined {
    const cause = this.cause as { code?: unknown } | undefined;
    return typeof cause?.code === 'string' ? cause.code : undefined;
  }
}

/** Thrown when a response body is not the JSON the client expected. */
export class DecodeError extends Error {
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`decoding the response of ${url}: ${message}`, options);
    this.name = 'DecodeError';
  }
}

/** Thrown when the caller's AbortSignal ended a request. */
export class RequestAbortedError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
  ) {
    super(`${method} ${url}: aborted`);
    this.name = 'RequestAbortedError';
  }
}

/** Thrown when a client is used after close(). */
export class ClientClosedError extends Error {
  constructor() {
    super('the client is closed');
    this.name = 'ClientClosedError';
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_STREAM_CANCEL', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_INVALID_SESSION']);

/** Classifies a transport failure by its system error code. */
export function networkErrorKind(error: unknown): NetworkErrorKind {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return 'other';
  if (CONNECT_CODES.has(code)) return 'connect';
  if (RESET_CODES.has(code)) return 'reset';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') return 'tls';
  return 'other';
}
