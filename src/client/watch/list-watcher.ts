// List, then watch from the list's resourceVersion, for ever (the loop of client-go's
// Reflector.ListAndWatch, without the store):
//
//   ┌─▶ list (rv "0" at first; "" — the latest — after a 410) ──▶ sink.replace(items, rv)
//   │        │ error: back off, list again
//   │        ▼
//   │   watch from the last seen rv ──event──▶ sink.event(e); rv = e's rv (bookmarks too)
//   │        │ closed by the server ─────────▶ watch again at once
//   │        │ broken, timed out, refused ───▶ back off, watch again from the same rv
//   └────────┤ 410 Expired ──────────────────▶ list again
//            │ other API error ──────────────▶ back off, list again
//
// Back-off is exponential with jitter (800 ms doubling to 30 s, reset after 2 quiet
// minutes), so that many clients of a restarting server do not return in step. A watch
// that ends within a second having delivered nothing counts as a failure, so that a
// server closing watches at once cannot make the loop spin.

import { APIError, isGone, isResourceExpired } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { realClock, type Clock } from '../clock.js';
import { Backoff, REFLECTOR_BACKOFF, type BackoffOptions } from '../flowcontrol/backoff.js';
import { stderrLogger, type Logger } from '../logger.js';
import type { ObjectList, ResourceClient } from '../rest/resource-client.js';
import type { WatchEnd, WatchEvent, WatchHandle, WatchTimeouts } from './watch-stream.js';

/** Receives the state of the watched collection. Calls never overlap. */
export interface ListWatchSink<T> {
  /** A complete, consistent list as of `resourceVersion`: replace everything held. */
  replace(items: T[], resourceVersion: string): void;
  /** One change after the last list or event. */
  event(event: WatchEvent<T>): void;
}

export interface ListWatcherOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** List in pages of this many (0 = one request, served from the server's cache); default 0. */
  readonly pageSize?: number;
  /** Watches last between this and twice this (ms); default 5 minutes (client-go's). */
  readonly minWatchTimeoutMs?: number;
  readonly watchTimeouts?: WatchTimeouts;
  readonly backoff?: BackoffOptions;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly random?: () => number;
}

/** A watch shorter than this that delivered nothing is treated as a failure. */
const SHORT_WATCH_MS = 1000;

/**
 * Keeps a sink in step with a collection.
 * Contract: the sink first gets replace(), then events in server order; after an
 * interruption it gets either the events it missed (resumed watch) or a fresh replace()
 * (after a 410); never an event older than one it already got. stop() resolves after
 * the loop has ended, with no request in flight and no timer left.
 */
export class ListWatcher<T extends KubeObject> {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly backoff: Backoff;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private watch: WatchHandle | undefined;
  private lastResourceVersion = '';
  private relistFromLatest = false;
  private expiredInARow = 0;

  constructor(
    private readonly resource: ResourceClient<T>,
    private readonly sink: ListWatchSink<T>,
    private readonly options: ListWatcherOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? stderrLogger;
    this.random = options.random ?? Math.random;
    this.backoff = new Backoff(options.backoff ?? REFLECTOR_BACKOFF, this.clock, this.random);
  }

  /** The resourceVersion of the last list, event or bookmark ('' before the first list). */
  get resourceVersion(): string {
    return this.lastResourceVersion;
  }

  /** Starts the loop (once). */
  start(): void {
    this.running ??= this.loop();
  }

  /** Ends the loop and waits for it. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.watch?.stop();
    await this.running;
  }

  private async loop(): Promise<void> {
    let needList = true;
    while (!this.stopping.signal.aborted) {
      let pause: boolean;
      if (needList) {
        needList = !(await this.list());
        pause = needList;
      } else {
        const next = await this.watchOnce();
        needList = next.list;
        pause = next.pause;
      }
      if (pause && !(await this.clock.sleep(this.backoff.next(), this.stopping.signal))) return;
    }
  }

  /** One full list into the sink; false on failure (logged). */
  private async list(): Promise<boolean> {
    const resourceVersion = this.relistFromLatest ? '' : this.lastResourceVersion || '0';
    try {
      const { items, resourceVersion: listed } = await this.listAll(resourceVersion);
      if (this.stopping.signal.aborted) return false;
      this.sink.replace(items, listed);
      this.lastResourceVersion = listed;
      this.relistFromLatest = false;
      return true;
    } catch (error) {
      if (this.stopping.signal.aborted) return false;
      // A version too old to list at: next time, ask for the latest.
      if (isResourceExpired(error) || isGone(error)) this.relistFromLatest = true;
      this.logger.warn('list failed', { resource: this.resource.path(), error });
      return false;
    }
  }

  private async listAll(resourceVersion: string): Promise<{ items: T[]; resourceVersion: string }> {
    const pageSize = this.options.pageSize ?? 0;
    const base = { labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector, signal: this.stopping.signal };
    let page: ObjectList<T> = await this.resource.list({ ...base, resourceVersion, limit: pageSize || undefined });
    const items = withKind(page);
    const listed = page.metadata.resourceVersion ?? '';
    while (page.metadata.continue) {
      page = await this.resource.list({ ...base, limit: pageSize, continue: page.metadata.continue });
      for (const item of withKind(page)) items.push(item);
    }
    return { items, resourceVersion: listed };
  }

  /** One watch; says whether to list before the next watch, and whether to back off first. */
  private async watchOnce(): Promise<Next> {
    const minTimeout = this.options.minWatchTimeoutMs ?? 5 * 60_000;
    const started = this.clock.now();
    let delivered = 0;
    this.watch = this.resource.watch(
      {
        resourceVersion: this.lastResourceVersion,
        labelSelector: this.options.labelSelector,
        fieldSelector: this.options.fieldSelector,
        timeoutSeconds: Math.max(1, Math.floor((minTimeout * (1 + this.random())) / 1000)),
        allowWatchBookmarks: true,
        timeouts: this.options.watchTimeouts,
        clock: this.clock,
      },
      (event) => {
        delivered++;
        const rv = event.object.metadata?.resourceVersion;
        if (event.type !== 'BOOKMARK') this.sink.event(event);
        if (rv) this.lastResourceVersion = rv;
      },
    );
    const end = await this.watch.done;
    this.watch = undefined;
    return this.next(end, delivered, this.clock.now() - started);
  }

  private next(end: WatchEnd, delivered: number, lastedMs: number): Next {
    const path = this.resource.path();
    const quick = delivered === 0 && lastedMs < SHORT_WATCH_MS;
    if (end.reason !== 'expired') this.expiredInARow = 0;
    switch (end.reason) {
      case 'stopped':
        return { list: false, pause: false };
      case 'closed':
        if (quick) this.logger.warn('watch closed at once with no events', { resource: path });
        return { list: false, pause: quick };
      case 'expired':
        // Expected after a long disconnection: list the latest state at once — unless it
        // keeps happening, which calls for backing off.
        this.relistFromLatest = true;
        this.logger.info('watch expired, listing again', { resource: path, resourceVersion: this.lastResourceVersion });
        return { list: true, pause: ++this.expiredInARow > 1 };
      case 'timeout':
        this.logger.warn(`watch ${end.timer} timeout, resuming`, { resource: path });
        return { list: false, pause: true };
      case 'failed':
        this.logger.warn('watch failed', { resource: path, error: end.error });
        // The server refused this watch: list again. Anything else is the connection:
        // resume from the same version.
        return { list: end.error instanceof APIError, pause: true };
    }
  }
}

interface Next {
  readonly list: boolean;
  readonly pause: boolean;
}

/** List items carry no kind/apiVersion on the wire; add them from the list's, as the watch events have them. */
function withKind<T extends KubeObject>(list: ObjectList<T>): T[] {
  const items = list.items ?? [];
  const kind = list.kind?.endsWith('List') ? list.kind.slice(0, -'List'.length) : undefined;
  if (kind === undefined || list.apiVersion === undefined) return items;
  for (const item of items) {
    item.kind ??= kind;
    item.apiVersion ??= list.apiVersion;
  }
  return items;
}
