// The watch stream's decoding and its three timers, driven by a fake clock through an
// in-process transport whose response body the test feeds by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, settle } from '../clock.js';
import { RequestAbortedError } from '../errors.js';
import { ResourceClient } from '../rest/resource-client.js';
import { RestClient } from '../rest/rest-client.js';
import { FunctionTransport } from '../rest/function-transport.js';
import type { TransportRequest, TransportResponse } from '../rest/transport.js';
import type { WatchEvent } from './watch-stream.js';
import { LineSplitter } from './lines.js';

/** A response body the test writes to; it ends when the request's signal aborts. */
class Feed {
  private readonly queue: (Uint8Array | string | null)[] = [];
  private wake: (() => void) | undefined;
  aborted = false;

  constructor(private readonly signal: AbortSignal | undefined) {
    signal?.addEventListener('abort', () => {
      this.aborted = true;
      this.wake?.();
    });
  }

  write(chunk: Uint8Array | string): void {
    this.queue.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.queue.push(null);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array | string> {
    for (;;) {
      if (this.aborted) throw new RequestAbortedError('GET', '/watch');
      const next = this.queue.shift();
      if (next === null) return;
      if (next !== undefined) {
        yield next;
        continue;
      }
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

function setup(respond: (req: TransportRequest, feed: Feed) => Promise<TransportResponse> | undefined = (req, feed) => Promise.resolve({ status: 200, headers: {}, body: feed, abort: () => feed.end() })) {
  const clock = new FakeClock(0);
  const feeds: Feed[] = [];
  const requests: TransportRequest[] = [];
  const transport = new FunctionTransport((req) => {
    requests.push(req);
    const feed = new Feed(req.signal);
    feeds.push(feed);
    return respond(req, feed) ?? new Promise(() => {});
  });
  const pods = new ResourceClient(new RestClient({ transport, qps: Infinity, clock }), { group: '', version: 'v1', resource: 'pods' }, 'ns');
  return { clock, feeds, requests, pods };
}

const line = (type: string, name: string, rv: string) => `${JSON.stringify({ type, object: { kind: 'Pod', metadata: { name, resourceVersion: rv } } })}\n`;

test('events are decoded across chunk boundaries and delivered in order; the request asks for bookmarks', async () => {
  const { clock, feeds, requests, pods } = setup();
  const events: WatchEvent<{ metadata?: { name?: string } }>[] = [];
  const watch = pods.watch({ resourceVersion: '5', timeoutSeconds: 60, clock }, (e) => events.push(e));
  await settle();
  const text = line('ADDED', 'a', '6') + line('MODIFIED', 'a', '7') + line('BOOKMARK', '', '9');
  const bytes = Buffer.from(text);
  feeds[0]!.write(bytes.subarray(0, 10));
  feeds[0]!.write(bytes.subarray(10, 70));
  feeds[0]!.write(bytes.subarray(70));
  feeds[0]!.end();
  assert.deepEqual(await watch.done, { reason: 'closed' });
  assert.deepEqual(events.map((e) => `${e.type}:${e.object.metadata?.name}`), ['ADDED:a', 'MODIFIED:a', 'BOOKMARK:']);
  assert.equal(requests[0]?.path, '/api/v1/namespaces/ns/pods?watch=true&resourceVersion=5&timeoutSeconds=60&allowWatchBookmarks=true');
  assert.equal(clock.pendingTimers(), 0);
});

test('an ERROR event with code 410 ends the watch as expired; other ERRORs as failed', async () => {
  const { feeds, pods, clock } = setup();
  const watch = pods.watch({ resourceVersion: '1', clock }, () => {});
  await settle();
  feeds[0]!.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' } })}\n`);
  const end = await watch.done;
  assert.equal(end.reason, 'expired');
  assert.ok(end.reason === 'expired' && end.error.message === 'too old resource version: 1 (5)');
  assert.equal(feeds[0]!.aborted, true, 'the stream is closed');

  const second = pods.watch({ resourceVersion: '1', clock }, () => {});
  await settle();
  feeds[1]!.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 500, reason: 'InternalError', message: 'boom' } })}\n`);
  assert.equal((await second.done).reason, 'failed');
});

test('an HTTP 410 answer ends the watch as expired', async () => {
  const { pods, clock } = setup((_req, feed) => {
    feed.write(JSON.stringify({ kind: 'Status', code: 410, reason: 'Gone', message: 'gone' }));
    feed.end();
    return Promise.resolve({ status: 410, headers: {}, body: feed, abort: () => {} });
  });
  assert.equal((await pods.watch({ resourceVersion: '1', clock }, () => {}).done).reason, 'expired');
});

test('connect timeout: no response headers in time', async () => {
  const { clock, pods } = setup(() => undefined);
  const watch = pods.watch({ clock, timeouts: { connectMs: 5_000 } }, () => {});
  await clock.advance(4_999);
  let ended = false;
  void watch.done.then(() => (ended = true));
  await settle();
  assert.equal(ended, false);
  await clock.advance(1);
  assert.deepEqual(await watch.done, { reason: 'timeout', timer: 'connect' });
  assert.equal(clock.pendingTimers(), 0);
});

test('idle timeout: silence ends the watch; data (a bookmark) keeps it alive', async () => {
  const { clock, feeds, pods } = setup();
  const watch = pods.watch({ clock, timeouts: { idleMs: 10_000 } }, () => {});
  await settle();
  for (let i = 0; i < 5; i++) {
    await clock.advance(9_000);
    feeds[0]!.write(line('BOOKMARK', '', String(i)));
  }
  await clock.advance(9_999);
  let ended = false;
  void watch.done.then(() => (ended = true));
  await settle();
  assert.equal(ended, false, 'alive 54 s in, with bookmarks every 9 s');
  await clock.advance(1);
  assert.deepEqual(await watch.done, { reason: 'timeout', timer: 'idle' });
});

test('total timeout: timeoutSeconds plus a grace period, however busy the stream', async () => {
  const { clock, feeds, pods } = setup();
  const watch = pods.watch({ clock, timeoutSeconds: 60 }, () => {});
  await settle();
  for (let t = 0; t < 89; t++) {
    feeds[0]!.write(line('MODIFIED', 'a', String(t)));
    await clock.advance(1_000);
  }
  let ended = false;
  void watch.done.then(() => (ended = true));
  await settle();
  assert.equal(ended, false);
  await clock.advance(1_000);
  assert.deepEqual(await watch.done, { reason: 'timeout', timer: 'total' });
});

test('stop() ends the watch as stopped and closes the stream; a throwing handler fails it', async () => {
  const { feeds, pods, clock } = setup();
  const watch = pods.watch({ clock }, () => {});
  await settle();
  assert.equal(watch.established, true);
  assert.deepEqual(await watch.stop(), { reason: 'stopped' });
  assert.equal(feeds[0]!.aborted, true);
  assert.equal(clock.pendingTimers(), 0);

  const failing = pods.watch({ clock }, () => {
    throw new Error('handler');
  });
  await settle();
  feeds[1]!.write(line('ADDED', 'a', '1'));
  const end = await failing.done;
  assert.ok(end.reason === 'failed' && (end.error as Error).message === 'handler');
});

test('LineSplitter keeps multi-byte characters split across chunks intact', () => {
  const splitter = new LineSplitter();
  const bytes = Buffer.from('{"name":"ü€"}\n{"x":1}');
  const out = [...splitter.push(bytes.subarray(0, 11)), ...splitter.push(bytes.subarray(11))];
  assert.deepEqual(out, ['{"name":"ü€"}']);
  assert.equal(splitter.flush(), '{"x":1}');
});
