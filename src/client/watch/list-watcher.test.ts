// The list-watch loop's decisions under a fake clock, with an in-process server whose
// answers each test scripts: when it lists, when it resumes, when it backs off. (The same
// loop against a real kubets is in test/client/informer.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/meta.js';
import { FakeClock } from '../clock.js';
import { silentLogger } from '../logger.js';
import { objectResponse, FunctionTransport } from '../rest/function-transport.js';
import { ResourceClient } from '../rest/resource-client.js';
import { RestClient } from '../rest/rest-client.js';
import type { TransportRequest, TransportResponse } from '../rest/transport.js';
import { ListWatcher } from './list-watcher.js';

type Answer = (req: TransportRequest) => TransportResponse | Promise<TransportResponse>;

function server(watchAnswer: Answer) {
  const clock = new FakeClock(0);
  const requests: string[] = [];
  const transport = new FunctionTransport(async (req) => {
    const query = new URL(req.path, 'http://x').searchParams;
    if (query.get('watch') === 'true') {
      requests.push(`watch rv=${query.get('resourceVersion')}`);
      return watchAnswer(req);
    }
    requests.push(`list rv=${query.get('resourceVersion') ?? ''}`);
    return objectResponse(200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [{ metadata: { name: 'a', namespace: 'n', resourceVersion: '7' } }] });
  });
  const resource = new ResourceClient(new RestClient({ transport, qps: Infinity, clock }), { group: '', version: 'v1', resource: 'configmaps' });
  const replaced: KubeObject[][] = [];
  const events: string[] = [];
  const watcher = new ListWatcher(resource, { replace: (items) => replaced.push(items), event: (e) => events.push(`${e.type} ${e.object.metadata?.resourceVersion}`) }, {
    clock,
    logger: silentLogger,
    random: () => 0,
  });
  return { clock, requests, replaced, events, watcher };
}

function lines(...events: object[]): TransportResponse {
  const body = (async function* () {
    for (const e of events) yield `${JSON.stringify(e)}\n`;
  })();
  return { status: 200, headers: {}, body, abort: () => {} };
}

test('lists at rv 0, fills in kind and apiVersion, then watches from the list\'s version', async () => {
  const { clock, requests, replaced, watcher } = server(() => new Promise(() => {}));
  watcher.start();
  await clock.advance(0);
  assert.deepEqual(requests, ['list rv=0', 'watch rv=10']);
  assert.deepEqual(replaced[0], [{ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', namespace: 'n', resourceVersion: '7' } }]);
  await watcher.stop();
  assert.equal(clock.pendingTimers(), 0);
});

test('a watch the server ends normally is resumed at once from the last event or bookmark', async () => {
  let n = 0;
  const { clock, requests, events, watcher } = server(() => {
    n++;
    if (n === 1) return lines({ type: 'ADDED', object: { metadata: { name: 'b', resourceVersion: '11' } } }, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } });
    return new Promise(() => {});
  });
  watcher.start();
  // The first watch delivered something, so its quick end is not a failure.
  await clock.advance(0);
  assert.deepEqual(requests, ['list rv=0', 'watch rv=10', 'watch rv=15']);
  assert.deepEqual(events, ['ADDED 11'], 'bookmarks only move the version');
  assert.equal(watcher.resourceVersion, '15');
  await watcher.stop();
});

test('a server that closes every watch at once is retried with growing pauses, not in a tight loop', async () => {
  const { clock, requests, watcher } = server(() => lines());
  watcher.start();
  await clock.advance(10_000);
  const watches = requests.filter((r) => r.startsWith('watch')).length;
  // 800 ms doubling: 0.8 + 1.6 + 3.2 → at most four watches in ten seconds.
  assert.ok(watches >= 3 && watches <= 5, `${watches} watches`);
  assert.equal(requests.filter((r) => r.startsWith('list')).length, 1);
  await watcher.stop();
});

test('410 relists from the latest state at once; a refused watch (other API error) relists after a pause', async () => {
  let n = 0;
  const { clock, requests, replaced, watcher } = server(() => {
    n++;
    if (n === 1) return lines({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (12)' } });
    if (n === 2) return objectResponse(403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'no' });
    return new Promise(() => {});
  });
  watcher.start();
  await clock.advance(0);
  assert.deepEqual(requests, ['list rv=0', 'watch rv=10', 'list rv=', 'watch rv=10']);
  await clock.advance(799);
  assert.equal(requests.length, 4);
  await clock.advance(1);
  assert.deepEqual(requests.slice(4), ['list rv=10', 'watch rv=10']);
  assert.equal(replaced.length, 3);
  await watcher.stop();
});
