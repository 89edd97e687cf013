// The client side of bench/client.ts, run in a worker thread.

import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '../src/client/client.js';
import { SharedInformer } from '../src/client/informers/shared-informer.js';
import { silentLogger, stderrLogger } from '../src/client/logger.js';
import { FunctionTransport, objectResponse } from '../src/client/rest/function-transport.js';
import type { TransportRequest, TransportResponse } from '../src/client/rest/transport.js';
import type { Pod } from '../src/client/types/core.js';
import type { ClientTask, CreateResult, InformerResult } from './client.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const task = workerData as ClientTask;
const noop = { onAdd: () => {}, onUpdate: () => {}, onDelete: () => {} };

function pod(i: number): Pod {
  return {
    metadata: { name: `bench-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] },
  };
}

async function create(kubeconfig: string, count: number, concurrency: number): Promise<CreateResult> {
  const client = Client.fromKubeconfig(kubeconfig, { qps: Infinity, http2: 'always' });
  const pods = client.pods('default');
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await pods.create(pod(next++)).catch(() => errors++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  return { seconds, errors };
}

/** The watch stream of `count` MODIFIED events of `pods`, as the server would write it, in 64 KiB chunks. */
function recordedStream(pods: readonly Pod[], fromRevision: number, count: number): Buffer[] {
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  let size = 0;
  for (let i = 0; i < count; i++) {
    const base = pods[i % pods.length]!;
    const object = { ...base, metadata: { ...base.metadata, resourceVersion: String(fromRevision + i + 1) } };
    const line = `${JSON.stringify({ type: 'MODIFIED', object })}\n`;
    lines.push(line);
    size += line.length;
    if (size >= 65_536) {
      chunks.push(Buffer.from(lines.join('')));
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(lines.join('')));
  return chunks;
}

/** A body that yields `chunks`, then stays open until the request is aborted. */
async function* replay(chunks: readonly Buffer[], signal: AbortSignal | undefined): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield chunk;
  await new Promise<void>((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve(), { once: true })));
}

async function informer(kubeconfig: string, events: number): Promise<InformerResult> {
  const client = Client.fromKubeconfig(kubeconfig, { qps: Infinity, http2: 'always' });
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const live = new SharedInformer<Pod>(client.pods(), { logger: stderrLogger });
  live.addEventHandler(noop);
  const started = performance.now();
  live.run();
  await live.waitForSync();
  const syncSeconds = (performance.now() - started) / 1000;
  gc();
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  await live.stop();
  await client.close();

  const pods = live.store.list();
  const revision = Number(live.lastSyncResourceVersion);
  const chunks = recordedStream(pods, revision, events);
  let watchStarted = 0;
  let watches = 0;
  const transport = new FunctionTransport(async (req: TransportRequest): Promise<TransportResponse> => {
    if (!req.path.includes('watch=true')) {
      return objectResponse(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(revision) }, items: pods });
    }
    watchStarted = performance.now();
    const body = watches++ === 0 ? replay(chunks, req.signal) : replay([], req.signal);
    return { status: 200, headers: {}, body, abort: () => {} };
  });
  const replayed = new SharedInformer<Pod>(new Client(transport, { qps: Infinity }).pods(), { logger: silentLogger });
  let updates = 0;
  let done: () => void = () => {};
  const allDelivered = new Promise<void>((resolve) => (done = resolve));
  replayed.addEventHandler({ ...noop, onUpdate: () => ++updates === events && done() });
  replayed.run();
  await allDelivered;
  const replaySeconds = (performance.now() - watchStarted) / 1000;
  await replayed.stop();
  return { syncSeconds, cached: pods.length, heapMiB, replayEvents: updates, replaySeconds };
}

const result = task.kind === 'create' ? await create(task.kubeconfig, task.count, task.concurrency) : await informer(task.kubeconfig, task.events);
// Stay alive until the parent, holding the result, terminates this worker.
parentPort?.on('message', () => {});
parentPort?.postMessage(result);
