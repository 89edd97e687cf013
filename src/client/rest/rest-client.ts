// The REST client: one request in, JSON (or a typed error) out. Around the transport it
// adds what client-go's rest.Request adds: credentials and user agent, client-side rate
// limiting (token bucket, upstream's 5 QPS / burst 10 unless configured), a per-request
// timeout, retries (retry.ts), and turning error responses into APIErrors.

import { StringDecoder } from 'node:string_decoder';
import { APIError, genericServerResponse, type Status } from '../../machinery/errors.js';
import type { GroupResource } from '../../machinery/schema.js';
import { realClock, type Clock } from '../clock.js';
import { ClientClosedError, DecodeError, NetworkError, RequestAbortedError } from '../errors.js';
import { TokenBucket } from '../flowcontrol/token-bucket.js';
import { retryDelay, RETRY_BACKOFF } from './retry.js';
import { Backoff } from '../flowcontrol/backoff.js';
import type { HttpMethod, Transport, TransportResponse } from './transport.js';

export interface RestClientOptions {
  readonly transport: Transport;
  /** Sent as `Authorization: Bearer …`. */
  readonly bearerToken?: string;
  readonly userAgent?: string;
  /** Requests per second; default 5 (client-go's). Infinity disables the limit. */
  readonly qps?: number;
  /** Default 10 (client-go's). */
  readonly burst?: number;
  /** Retries of one request; default 10 (client-go's). */
  readonly maxRetries?: number;
  /** Default timeout of a non-streaming request (ms); 0 = none (the default). */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  readonly method: HttpMethod;
  /** `/api/v1/namespaces/default/pods` */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Encoded as JSON unless already a string. */
  readonly body?: unknown;
  /** Default `application/json` when there is a body. */
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this request (ms; 0 = none). */
  readonly timeoutMs?: number;
  /** Names the resource in errors built from bodies that are not a Status. */
  readonly resource?: GroupResource;
  readonly name?: string;
}

export const DEFAULT_USER_AGENT = `kubets/0.1.0 (${process.platform}/${process.arch}) node/${process.versions.node}`;

/**
 * Sends API requests.
 * Contract: a 2xx answer resolves with its decoded JSON body (undefined when empty);
 * anything else rejects with APIError (the server answered), NetworkError (it did not),
 * DecodeError, RequestAbortedError or ClientClosedError. Retries never repeat a request
 * the server may have acted on, except reads (as client-go).
 */
export class RestClient {
  readonly transport: Transport;
  private readonly clock: Clock;
  private readonly limiter: TokenBucket;
  private readonly headers: Record<string, string>;
  private closed = false;

  constructor(private readonly options: RestClientOptions) {
    this.transport = options.transport;
    this.clock = options.clock ?? realClock;
    this.limiter = new TokenBucket(options.qps ?? 5, options.burst ?? 10, this.clock);
    this.headers = { 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT, accept: 'application/json' };
    if (options.bearerToken !== undefined) this.headers.authorization = `Bearer ${options.bearerToken}`;
  }

  /** Sends a request and decodes its JSON answer. */
  async request<T>(options: RequestOptions): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 0;
    const timeout = timeoutMs > 0 ? new AbortController() : undefined;
    const timer = timeout === undefined ? undefined : this.clock.setTimeout(() => timeout.abort(), timeoutMs);
    const signal = combine(options.signal, timeout?.signal);
    try {
      const response = await this.send({ ...options, signal });
      return (await this.decode(response, options)) as T;
    } catch (error) {
      if (timeout?.signal.aborted && !options.signal?.aborted) {
        throw new NetworkError('timeout', options.method, this.url(options), `no answer within ${timeoutMs} ms`, { cause: error });
      }
      throw error;
    } finally {
      if (timer !== undefined) this.clock.clearTimeout(timer);
    }
  }

  /**
   * Sends a request whose answer is a stream (a watch). Resolves with the response once a
   * 2xx status is in; the caller reads the body and must abort() it when done.
   */
  async stream(options: RequestOptions): Promise<TransportResponse> {
    return this.send(options);
  }

  /** Closes the transport's connections; later requests reject with ClientClosedError. */
  async close(): Promise<void> {
    this.closed = true;
    await this.transport.close();
  }

  /** Sends, retrying as retry.ts allows; resolves only with a 2xx response. */
  private async send(options: RequestOptions): Promise<TransportResponse> {
    const backoff = new Backoff(RETRY_BACKOFF, this.clock, this.options.random);
    const maxRetries = this.options.maxRetries ?? 10;
    const path = this.pathWithQuery(options);
    const body = options.body === undefined || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const headers = body === undefined ? this.headers : { ...this.headers, 'content-type': options.contentType ?? 'application/json' };
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new ClientClosedError();
      if (!(await this.limiter.wait(options.signal))) throw new RequestAbortedError(options.method, this.url(options));
      let failure: APIError | NetworkError;
      let response: TransportResponse | undefined;
      try {
        response = await this.transport.request({ method: options.method, path, headers, body, signal: options.signal });
        if (response.status >= 200 && response.status < 300) return response;
        failure = await this.errorOf(response, options);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        failure = error;
      }
      const delay = attempt < maxRetries ? retryDelay(options.method, failure, response?.headers['retry-after'], backoff) : undefined;
      if (delay === undefined) throw failure;
      if (!(await this.clock.sleep(delay, options.signal))) throw new RequestAbortedError(options.method, this.url(options));
    }
  }

  private async decode(response: TransportResponse, options: RequestOptions): Promise<unknown> {
    if (response.object !== undefined) return response.object;
    const text = await readText(response);
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new DecodeError(this.url(options), (error as Error).message, { cause: error });
    }
  }

  /** The APIError of a non-2xx response: its Status body, or upstream's generic error for the code. */
  private async errorOf(response: TransportResponse, options: RequestOptions): Promise<APIError> {
    let body: unknown = response.object;
    let text = '';
    if (body === undefined) {
      text = await readText(response).catch(() => '');
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (isStatus(body)) return APIError.fromStatus({ ...body, code: body.code ?? response.status });
    const retryAfter = Number(response.headers['retry-after']);
    return genericServerResponse(response.status, {
      verb: options.method,
      qualifiedResource: options.resource,
      name: options.name,
      serverMessage: text.trim(),
      retryAfterSeconds: Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }

  private pathWithQuery(options: RequestOptions): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) params.append(key, String(value));
    const query = params.toString();
    return query === '' ? options.path : `${options.path}?${query}`;
  }

  private url(options: RequestOptions): string {
    return this.transport.baseUrl + options.path;
  }
}

function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

/**
 * The whole body as UTF-8 text. Chunks are decoded as they arrive — overlapping with the
 * transfer, and cheaper than decoding one large buffer at the end (a 100 MB list).
 */
export async function readText(response: TransportResponse): Promise<string> {
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  for await (const chunk of response.body) parts.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  parts.push(decoder.end());
  return parts.join('');
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}
