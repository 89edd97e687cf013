// One watch request: `GET …?watch=true&allowWatchBookmarks=true&resourceVersion=N`, whose
// answer is a long stream of newline-delimited WatchEvent objects. Three timers guard it,
// each for a different failure (the fixed timer that cuts healthy watches is what
// @kubernetes/client-node users trip over):
//   connect  no response headers yet — the server is unreachable or stuck;
//   idle     no bytes for a while — the connection is dead (bookmarks keep a healthy but
//            quiet watch talking; the server sends one a minute);
//   total    the watch outlived its timeoutSeconds by a grace period — the server should
//            have ended it.
// The stream ends in exactly one WatchEnd; resuming is list-watcher.ts's business.

import { APIError, type Status } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { realClock, type Clock, type Timer } from '../clock.js';
import { DecodeError, RequestAbortedError } from '../errors.js';
import type { RestClient } from '../rest/rest-client.js';
import type { TransportResponse } from '../rest/transport.js';
import { LineSplitter } from './lines.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent<T> {
  readonly type: WatchEventType;
  readonly object: T;
}

export type WatchEventHandler<T> = (event: WatchEvent<T>) => void;

export interface WatchTimeouts {
  /** Until response headers; default 30 s. */
  readonly connectMs?: number;
  /** Longest silence; default 150 s (the server sends a bookmark every 60 s). */
  readonly idleMs?: number;
  /** Whole watch; default timeoutSeconds + 30 s, or 65 minutes without timeoutSeconds. */
  readonly totalMs?: number;
}

export interface WatchOptions {
  /** Changes after this version; unset or '0': the current objects first, as ADDED events. */
  readonly resourceVersion?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Asks the server to end the watch after this long (it adds no jitter of its own). */
  readonly timeoutSeconds?: number;
  /** Default true. */
  readonly allowWatchBookmarks?: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeouts?: WatchTimeouts;
  readonly clock?: Clock;
}

/** How a watch ended. */
export type WatchEnd =
  /** The server ended the stream normally (timeoutSeconds, shutdown, slow reader). */
  | { readonly reason: 'closed' }
  /** stop() was called. */
  | { readonly reason: 'stopped' }
  /** 410: the requested resourceVersion is no longer served; list again. */
  | { readonly reason: 'expired'; readonly error: APIError }
  /** One of the three timers fired. */
  | { readonly reason: 'timeout'; readonly timer: 'connect' | 'idle' | 'total' }
  /** The request or the stream failed (APIError, NetworkError, DecodeError, a throwing handler). */
  | { readonly reason: 'failed'; readonly error: unknown };

/** A running watch. */
export interface WatchHandle {
  /** Resolves when the watch ends; never rejects. */
  readonly done: Promise<WatchEnd>;
  /** Whether response headers arrived (the server accepted the watch). */
  readonly established: boolean;
  /** Ends the watch (if still running) and resolves with how it ended. */
  stop(): Promise<WatchEnd>;
}

const DEFAULT_CONNECT_MS = 30_000;
const DEFAULT_IDLE_MS = 150_000;
const TOTAL_GRACE_MS = 30_000;
const DEFAULT_TOTAL_MS = 65 * 60_000;

/**
 * Starts one watch on `path` (a collection path).
 * Contract: `onEvent` gets every ADDED/MODIFIED/DELETED/BOOKMARK event in order, and
 * nothing after `done` resolves; when `done` resolves no timer of this watch is left and
 * its stream is closed.
 */
export function startWatch<T extends KubeObject>(rest: RestClient, path: string, options: WatchOptions, onEvent: WatchEventHandler<T>): WatchHandle {
  const watch = new WatchStream<T>(rest, path, options, onEvent);
  const done = watch.run();
  return {
    done,
    get established() {
      return watch.established;
    },
    stop: () => {
      watch.end({ reason: 'stopped' });
      return done;
    },
  };
}

class WatchStream<T extends KubeObject> {
  established = false;
  private readonly clock: Clock;
  private readonly abort = new AbortController();
  private outcome: WatchEnd | undefined;
  private readonly timers = new Map<'connect' | 'idle' | 'total', Timer>();
  private lastActivity = 0;

  constructor(
    private readonly rest: RestClient,
    private readonly path: string,
    private readonly options: WatchOptions,
    private readonly onEvent: WatchEventHandler<T>,
  ) {
    this.clock = options.clock ?? realClock;
  }

  /** Records the first way the watch ended and tears the request down. */
  end(outcome: WatchEnd): void {
    this.outcome ??= outcome;
    this.abort.abort();
  }

  async run(): Promise<WatchEnd> {
    const t = this.options.timeouts ?? {};
    const seconds = this.options.timeoutSeconds;
    this.arm('connect', t.connectMs ?? DEFAULT_CONNECT_MS);
    this.arm('total', t.totalMs ?? (seconds ? seconds * 1000 + TOTAL_GRACE_MS : DEFAULT_TOTAL_MS));
    let response: TransportResponse | undefined;
    try {
      response = await this.rest.stream({ method: 'GET', path: this.path, query: this.query(), signal: this.abort.signal });
      this.established = true;
      this.disarm('connect');
      this.watchIdle(t.idleMs ?? DEFAULT_IDLE_MS);
      await this.read(response);
      this.outcome ??= { reason: 'closed' };
    } catch (error) {
      this.outcome ??= failure(error);
    } finally {
      for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
      this.timers.clear();
      response?.abort();
      this.abort.abort();
    }
    return this.outcome;
  }

  private query(): Record<string, string | number | boolean | undefined> {
    const o = this.options;
    return {
      watch: 'true',
      resourceVersion: o.resourceVersion || undefined,
      labelSelector: o.labelSelector || undefined,
      fieldSelector: o.fieldSelector || undefined,
      timeoutSeconds: o.timeoutSeconds,
      allowWatchBookmarks: o.allowWatchBookmarks ?? true,
      sendInitialEvents: o.sendInitialEvents,
    };
  }

  private async read(response: TransportResponse): Promise<void> {
    const lines = new LineSplitter();
    for await (const chunk of response.body) {
      this.lastActivity = this.clock.now();
      for (const line of lines.push(chunk)) if (!this.deliver(line)) return;
    }
    const rest = lines.flush();
    if (rest !== undefined) this.deliver(rest);
  }

  /** Decodes and hands over one event; false when the watch must end. */
  private deliver(line: string): boolean {
    if (this.outcome !== undefined) return false;
    let event: { type?: string; object?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch (error) {
      this.end({ reason: 'failed', error: new DecodeError(this.path, `watch event is not JSON: ${(error as Error).message}`, { cause: error }) });
      return false;
    }
    if (event.type === 'ERROR') {
      this.end(failure(APIError.fromStatus((event.object ?? {}) as Status)));
      return false;
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED' && event.type !== 'BOOKMARK') {
      this.end({ reason: 'failed', error: new DecodeError(this.path, `unknown watch event type ${JSON.stringify(event.type)}`) });
      return false;
    }
    try {
      this.onEvent(event as WatchEvent<T>);
    } catch (error) {
      this.end({ reason: 'failed', error });
      return false;
    }
    return true;
  }

  private arm(which: 'connect' | 'idle' | 'total', ms: number): void {
    this.disarm(which);
    this.timers.set(which, this.clock.setTimeout(() => this.end({ reason: 'timeout', timer: which }), ms));
  }

  /** One timer for idleness, re-armed for the remainder when data arrived meanwhile (cheaper than per chunk). */
  private watchIdle(idleMs: number): void {
    this.lastActivity = this.clock.now();
    const check = () => {
      const quietFor = this.clock.now() - this.lastActivity;
      if (quietFor >= idleMs) this.end({ reason: 'timeout', timer: 'idle' });
      else this.timers.set('idle', this.clock.setTimeout(check, idleMs - quietFor));
    };
    this.timers.set('idle', this.clock.setTimeout(check, idleMs));
  }

  private disarm(which: 'connect' | 'idle' | 'total'): void {
    const timer = this.timers.get(which);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.timers.delete(which);
  }
}

function failure(error: unknown): WatchEnd {
  if (error instanceof APIError && error.code === 410) return { reason: 'expired', error };
  if (error instanceof RequestAbortedError) return { reason: 'stopped' };
  return { reason: 'failed', error };
}
