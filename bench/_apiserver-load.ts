// Load generator of bench/apiserver.ts, run in a worker thread: HTTPS with keep-alive
// and the admin client certificate, like any client of the API server.

import type { ClientRequest } from 'node:http';
import https from 'node:https';
import { parentPort, workerData } from 'node:worker_threads';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import type { LoadRequest, LoadResult } from './apiserver.js';

const request = workerData as LoadRequest;
const target = loadKubeconfig(request.kubeconfig);
const base = new URL(target.server);
const agent = new https.Agent({
  ca: target.certificateAuthorityPem,
  cert: target.clientCertificatePem,
  key: target.clientKeyPem,
  keepAlive: true,
  maxSockets: Math.max(request.concurrency, 1),
});
/** Watch streams hold their sockets: they get an agent of their own. */
const watchAgent = new https.Agent({ ca: target.certificateAuthorityPem, cert: target.clientCertificatePem, key: target.clientKeyPem, keepAlive: true, maxSockets: Infinity });
const PODS = '/api/v1/namespaces/default/pods';

function call(method: string, path: string, body?: string, accept?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent,
        headers: {
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
          ...(accept ? { Accept: accept } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function pod(i: number): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `bench-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] },
  });
}

async function pool(count: number, concurrency: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

async function timed(count: number, concurrency: number, one: (i: number) => Promise<boolean>): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const start = performance.now();
  await pool(count, concurrency, async (i) => {
    const t = performance.now();
    if (!(await one(i))) errors++;
    latenciesMs.push(performance.now() - t);
  });
  return { seconds: (performance.now() - start) / 1000, latenciesMs, errors };
}

/** 100 watchers, then writes one at a time; each write's delivery time to every watcher. */
async function watchLatency(writes: number, watchers: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const sentAt = new Map<string, number>();
  let pending = 0;
  let wake: () => void = () => {};
  const streams: ClientRequest[] = [];
  await Promise.all(
    Array.from(
      { length: watchers },
      () =>
        new Promise<void>((ready) => {
          const req = https.request({ host: base.hostname, port: base.port, path: '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0', agent: watchAgent }, (res) => {
            let buffer = '';
            ready();
            res.on('data', (chunk: Buffer) => {
              const now = performance.now();
              buffer += chunk.toString();
              let nl;
              while ((nl = buffer.indexOf('\n')) >= 0) {
                const event = JSON.parse(buffer.slice(0, nl)) as { object: { metadata: { name: string } } };
                buffer = buffer.slice(nl + 1);
                const start = sentAt.get(event.object.metadata.name);
                if (start !== undefined) {
                  latenciesMs.push(now - start);
                  if (--pending === 0) wake();
                }
              }
            });
          });
          req.on('error', () => {});
          req.end();
          streams.push(req);
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 200));
  const begin = performance.now();
  for (let i = 0; i < writes; i++) {
    const name = `watched-${i}`;
    pending = watchers;
    const delivered = new Promise<void>((r) => (wake = r));
    sentAt.set(name, performance.now());
    await call('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name } }));
    await delivered;
  }
  for (const s of streams) s.destroy();
  return { seconds: (performance.now() - begin) / 1000, latenciesMs, errors: 0 };
}

async function main(): Promise<LoadResult> {
  switch (request.kind) {
    case 'create':
      return timed(request.count, request.concurrency, async (i) => (await call('POST', PODS, pod(i))).status === 201);
    case 'get':
      return timed(request.count, request.concurrency, async (i) => (await call('GET', `${PODS}/bench-${i % 10_000}`)).status === 200);
    case 'list': {
      let bytes = 0;
      const result = await timed(request.count, 1, async () => {
        const res = await call('GET', PODS, undefined, request.accept);
        bytes = res.text.length;
        return res.status === 200;
      });
      return { ...result, bytes };
    }
    case 'watch':
      return watchLatency(request.count, request.concurrency);
  }
}

const result = await main();
agent.destroy();
watchAgent.destroy();
parentPort?.postMessage(result);
