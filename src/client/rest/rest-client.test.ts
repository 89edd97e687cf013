// The REST client's retry, error and limiting rules against a real HTTP server on
// loopback whose answers each test scripts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIError, isNotFound, isTooManyRequests } from '../../machinery/errors.js';
import { FakeClock } from '../clock.js';
import { ClientClosedError, DecodeError, NetworkError, RequestAbortedError } from '../errors.js';
import { HttpTransport } from './http-transport.js';
import { RestClient, type RestClientOptions } from './rest-client.js';
import { FunctionTransport } from './function-transport.js';

type Script = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

async function serve(t: { after(fn: () => Promise<void>): void }, ...answers: Script[]) {
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      answer(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: RestClient[] = [];
  t.after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const client = (options: Partial<RestClientOptions> = {}) => {
    const c = new RestClient({ transport: new HttpTransport({ server: url }), qps: Infinity, random: () => 0, ...options });
    clients.push(c);
    return c;
  };
  return { url, seen, client };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Script => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const reset: Script = (req) => req.socket.destroy();
const notFoundStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 };

test('a 2xx answer is decoded; headers carry the user agent, token and content type', async (t) => {
  const { client, seen } = await serve(t, json(201, { kind: 'Pod', metadata: { name: 'x' } }));
  const got = await client({ bearerToken: 'tok', userAgent: 'test/1' }).request<{ metadata: { name: string } }>({
    method: 'POST',
    path: '/api/v1/namespaces/a/pods',
    query: { dryRun: 'All', fieldManager: undefined },
    body: { metadata: { name: 'x' } },
  });
  assert.equal(got.metadata.name, 'x');
  assert.equal(seen[0]?.url, '/api/v1/namespaces/a/pods?dryRun=All');
  assert.equal(seen[0]?.headers.authorization, 'Bearer tok');
  assert.equal(seen[0]?.headers['user-agent'], 'test/1');
  assert.equal(seen[0]?.headers['content-type'], 'application/json');
  assert.equal(seen[0]?.body, '{"metadata":{"name":"x"}}');
});

test('an error Status becomes an APIError with its reason and code', async (t) => {
  const { client } = await serve(t, json(404, notFoundStatus));
  const error = await client().request({ method: 'GET', path: '/api/v1/namespaces/a/pods/x' }).catch((e: unknown) => e);
  assert.ok(error instanceof APIError);
  assert.ok(isNotFound(error));
  assert.equal(error.message, 'pods "x" not found');
  assert.deepEqual(error.details, { name: 'x', kind: 'pods' });
});

test('an error without a Status body gets upstream\'s generic error for its code', async (t) => {
  const { client } = await serve(t, (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('overloaded');
  });
  const error = (await client().request({ method: 'GET', path: '/api/v1/pods', resource: { group: '', resource: 'pods' } }).catch((e: unknown) => e)) as APIError;
  assert.equal(error.code, 503);
  assert.equal(error.reason, 'ServiceUnavailable');
  assert.equal(error.message, 'the server is currently unable to handle the request (get pods)');
});

test('429 with Retry-After is retried after that many seconds, for any verb', async (t) => {
  const tooMany = json(429, { kind: 'Status', status: 'Failure', reason: 'TooManyRequests', code: 429, message: 'slow down' }, { 'retry-after': '1' });
  const { client, seen } = await serve(t, tooMany, json(201, { ok: true }));
  const started = Date.now();
  assert.deepEqual(await client().request({ method: 'POST', path: '/x', body: {} }), { ok: true });
  assert.equal(seen.length, 2);
  assert.ok(Date.now() - started >= 900, 'waited about a second');
});

test('429 without Retry-After, and 5xx without it, are final; retries stop at maxRetries', async (t) => {
  const tooMany = json(429, { kind: 'Status', status: 'Failure', reason: 'TooManyRequests', code: 429 });
  const { client, seen } = await serve(t, tooMany);
  assert.ok(isTooManyRequests(await client().request({ method: 'GET', path: '/x' }).catch((e: unknown) => e)));
  assert.equal(seen.length, 1);
  const withHeader = await serve(t, json(500, { kind: 'Status', status: 'Failure', code: 500 }, { 'retry-after': '0' }));
  const error = await withHeader.client({ maxRetries: 2 }).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
  assert.equal((error as APIError).code, 500);
  assert.equal(withHeader.seen.length, 3, 'one try and two retries');
});

test('a GET whose connection breaks is retried; a POST is not', async (t) => {
  const { client, seen } = await serve(t, reset, json(200, { ok: 1 }));
  assert.deepEqual(await client().request({ method: 'GET', path: '/x' }), { ok: 1 });
  assert.equal(seen.length, 2);
  const post = await serve(t, reset, json(200, { ok: 1 }));
  const error = await post.client().request({ method: 'POST', path: '/x', body: {} }).catch((e: unknown) => e);
  assert.ok(error instanceof NetworkError);
  assert.equal(error.kind, 'reset');
  assert.equal(post.seen.length, 1);
});

test('a refused connection is a NetworkError of kind connect, retried for any verb', async () => {
  const closedPort = await new Promise<number>((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
  const client = new RestClient({ transport: new HttpTransport({ server: `http://127.0.0.1:${closedPort}` }), maxRetries: 2, random: () => 0 });
  const started = Date.now();
  const error = await client.request({ method: 'POST', path: '/x', body: {} }).catch((e: unknown) => e);
  assert.ok(error instanceof NetworkError);
  assert.equal(error.kind, 'connect');
  assert.equal(error.code, 'ECONNREFUSED');
  assert.ok(Date.now() - started >= 200 + 400 - 50, 'backed off 200 ms, then 400 ms');
  await client.close();
  assert.ok((await client.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e)) instanceof ClientClosedError);
});

test('a request that outlives its timeout is a NetworkError of kind timeout; an aborted one is RequestAbortedError', async (t) => {
  const { client } = await serve(t, () => {});
  const error = await client({ timeoutMs: 100 }).request({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
  assert.ok(error instanceof NetworkError);
  assert.equal(error.kind, 'timeout');
  const controller = new AbortController();
  const pending = client().request({ method: 'GET', path: '/slow', signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  assert.ok((await pending.catch((e: unknown) => e)) instanceof RequestAbortedError);
});

test('a body that is not JSON is a DecodeError', async (t) => {
  const { client } = await serve(t, (_req, res) => res.end('{not json'));
  assert.ok((await client().request({ method: 'GET', path: '/x' }).catch((e: unknown) => e)) instanceof DecodeError);
});

test('client-side rate limiting: QPS 5 / burst 10 by default', async () => {
  const clock = new FakeClock(0);
  let served = 0;
  const transport = new FunctionTransport(async () => {
    served++;
    return { status: 200, headers: {}, body: (async function* () {})(), object: {}, abort: () => {} };
  });
  const client = new RestClient({ transport, clock });
  const requests = Array.from({ length: 15 }, () => client.request({ method: 'GET', path: '/x' }));
  await clock.advance(0);
  assert.equal(served, 10, 'the burst goes through at once');
  await clock.advance(600);
  assert.equal(served, 13, 'then 5 per second');
  await clock.advance(400);
  await Promise.all(requests);
  assert.equal(served, 15);
});

test('a function transport that wraps the HTTP transport behaves as the HTTP transport', async (t) => {
  const { url, seen } = await serve(t, json(404, notFoundStatus), json(200, { items: [] }));
  const http1 = new HttpTransport({ server: url });
  const paths: string[] = [];
  const wrapped = new FunctionTransport((req) => {
    paths.push(`${req.method} ${req.path}`);
    return http1.request(req);
  });
  const client = new RestClient({ transport: wrapped, qps: Infinity });
  assert.ok(isNotFound(await client.request({ method: 'GET', path: '/api/v1/pods/x' }).catch((e: unknown) => e)));
  assert.deepEqual(await client.request({ method: 'GET', path: '/api/v1/pods', query: { limit: 5 } }), { items: [] });
  assert.deepEqual(paths, ['GET /api/v1/pods/x', 'GET /api/v1/pods?limit=5']);
  assert.equal(seen.length, 2);
  await http1.close();
});
