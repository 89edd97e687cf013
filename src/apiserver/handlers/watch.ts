// Watch: a long response of newline-delimited WatchEvent JSON objects (chunked over
// HTTP/1.1, a stream over HTTP/2). Ends at timeoutSeconds, when the client goes away,
// when the server shuts down, or when the client reads too slowly to keep up.

import { APIError } from '../../machinery/errors.js';
import { contentTypeOf } from '../http/negotiate.js';
import { bookmark, watchObjects } from '../registry/reads.js';
import type { CacheWatcher, WatchOutput } from '../registry/watch-cache.js';
import { buildFilter } from '../selectors.js';
import type { HandlerContext } from './context.js';
import { watchObject } from './output.js';

/** How often a watch that allows bookmarks gets one. */
const BOOKMARK_INTERVAL_MS = 60_000;
/** A client this far behind is cut off; it resumes from its last resourceVersion. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/**
 * The JSON of an object from the watch cache, sent as it is. The cache hands every
 * watcher the same (never mutated) object: it is serialized once, not once per watcher (a
 * pod event reaches the controller manager's, the scheduler's and the nodes' informers at
 * least). Converted objects, tables and metadata-only shapes are serialized each time.
 */
const serialized = new WeakMap<object, string>();

function cachedJson(object: object): string {
  let json = serialized.get(object);
  if (json === undefined) {
    json = JSON.stringify(object);
    serialized.set(object, json);
  }
  return json;
}

export async function handleWatch(ctx: HandlerContext): Promise<void> {
  const filter = buildFilter(ctx.endpoint, ctx.query);
  const allowBookmarks = ctx.query.get('allowWatchBookmarks') === 'true';
  const sendInitial = ctx.query.get('sendInitialEvents');
  const { res } = ctx;

  let firstTable = true;
  let lastRevision = 0;
  const lines: string[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (lines.length === 0 || res.writableEnded) return;
    res.write(lines.join(''));
    lines.length = 0;
    if (res.writableLength > MAX_BUFFERED_BYTES) finish();
  };
  const sink = (output: WatchOutput) => {
    lastRevision = Math.max(lastRevision, output.revision);
    const object = output.type === 'BOOKMARK' ? output.object : watchObject(ctx, output.object, firstTable);
    if (output.type !== 'BOOKMARK' && ctx.output.shape === 'table') firstTable = false;
    const json = object === output.object ? cachedJson(output.object) : JSON.stringify(object);
    lines.push(`{"type":${JSON.stringify(output.type)},"object":${json}}\n`);
    // Events of one turn go out in one write.
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  let watcher: CacheWatcher;
  try {
    watcher = await watchObjects(
      ctx.store,
      {
        namespace: ctx.info.namespace,
        matches: filter.matches,
        resourceVersion: ctx.query.get('resourceVersion') ?? undefined,
        sendInitialEvents: sendInitial === null ? undefined : sendInitial === 'true',
        allowBookmarks,
      },
      sink,
    );
  } catch (error) {
    if (!(error instanceof APIError) || error.code !== 410) throw error;
    // Upstream answers 200 and sends the expiry as an ERROR event.
    startStream(ctx);
    res.end(`${JSON.stringify({ type: 'ERROR', object: error.toStatus() })}\n`);
    return;
  }
  startStream(ctx);
  flush();

  const timeoutSeconds = Number(ctx.query.get('timeoutSeconds') ?? 0);
  const lifetimeMs =
    timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1 + Math.random()) * ctx.minRequestTimeoutSeconds * 1000;
  let done = false;
  let resolveDone: () => void = () => {};
  const ended = new Promise<void>((r) => (resolveDone = r));
  const lifetime = setTimeout(() => finish(), lifetimeMs);
  const bookmarks = allowBookmarks
    ? setInterval(() => sink(bookmark(ctx.store, Math.max(lastRevision, ctx.store.cache.revision))), BOOKMARK_INTERVAL_MS)
    : undefined;
  function finish(): void {
    if (done) return;
    done = true;
    clearTimeout(lifetime);
    if (bookmarks) clearInterval(bookmarks);
    watcher.close();
    if (!res.writableEnded) {
      if (lines.length > 0) res.write(lines.join(''));
      res.end();
    }
    resolveDone();
  }
  watcher.onClose = chain(watcher.onClose, finish);
  res.on('close', finish);
  void ctx.shutdown.then(finish);
  await ended;
}

function startStream(ctx: HandlerContext): void {
  ctx.res.statusCode = 200;
  ctx.res.setHeader('Content-Type', contentTypeOf(ctx.output));
  ctx.res.setHeader('Cache-Control', 'no-cache, private');
  // Send the headers now: a client waits for them before it reads events.
  (ctx.res as { flushHeaders?: () => void }).flushHeaders?.();
}

function chain(first: (() => void) | undefined, second: () => void): () => void {
  return () => {
    first?.();
    second();
  };
}
