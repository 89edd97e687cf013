// When a failed request is sent again (client-go's rest.Request retry rules, plus one
// kubets addition):
// - the server answered 429, or 5xx with a Retry-After header: it did not act on the
//   request and says when to come back — any verb, after that many seconds;
// - the connection failed before the request was written (refused, no route): the
//   server never saw it — any verb, after an exponential back-off (the addition; it rides
//   out an API server restart);
// - the connection broke after a GET was sent (reset, EOF): reads are safe to repeat.
// Everything else — a timeout, a broken write, any other status — is final.

import { APIError } from '../../machinery/errors.js';
import type { NetworkError } from '../errors.js';
import type { Backoff, BackoffOptions } from '../flowcontrol/backoff.js';
import type { HttpMethod } from './transport.js';

/** Back-off between retries after network failures: 200 ms doubling to 2 s, ±50 %. */
export const RETRY_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 2_000, factor: 2, jitter: 0.5 };

/** The wait (ms) before retrying after `failure`, or undefined when it must not be retried. */
export function retryDelay(method: HttpMethod, failure: APIError | NetworkError, retryAfterHeader: string | undefined, backoff: Backoff): number | undefined {
  if (failure instanceof APIError) {
    if (failure.code !== 429 && failure.code < 500) return undefined;
    const seconds = retryAfterSeconds(retryAfterHeader) ?? (failure.code === 429 ? failure.details?.retryAfterSeconds : undefined);
    return seconds === undefined ? undefined : seconds * 1000;
  }
  if (failure.kind === 'connect') return backoff.next();
  if (failure.kind === 'reset' && method === 'GET') return backoff.next();
  return undefined;
}

/** Retry-After as whole seconds (the form the API server sends); undefined otherwise. */
function retryAfterSeconds(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}
