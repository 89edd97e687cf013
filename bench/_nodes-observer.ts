// The observing side of bench/nodes.ts, run in a worker thread (its own event loop, as a
// separate client would be): it sees everything through the API — informers on Nodes,
// node Leases and Pods — and creates the benchmark's pods. Driven by messages:
//   { cmd: 'watch' }              → { type: 'watching' } once the informers have synced;
//                                   later, by itself, { type: 'nodes-ready', at } when every
//                                   node of the run shows Ready=True
//   { cmd: 'window', ms }         → { type: 'lags', … } lease renewal lags seen over ms
//   { cmd: 'pods', count }        → { type: 'pods-running', … } when all are Running
// Times are wall-clock (Date.now()), comparable with the simulator's renewTime.

import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '../src/client/client.js';
import { InformerFactory } from '../src/client/informers/factory.js';
import { silentLogger } from '../src/client/logger.js';
import { LEASES } from '../src/client/resources.js';
import type { Lease } from '../src/client/types/coordination.js';
import type { Node, Pod } from '../src/client/types/core.js';

export interface ObserverData {
  readonly kubeconfig: string;
  readonly nodes: number;
  readonly namePrefix: string;
  /** The simulator's renew period: a renewal is expected this long after the previous one. */
  readonly leaseRenewMs: number;
}

export type ObserverCommand = { readonly cmd: 'watch' } | { readonly cmd: 'window'; readonly ms: number } | { readonly cmd: 'pods'; readonly count: number };

export interface LagSummary {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export type ObserverReply =
  | { readonly type: 'watching' }
  | { readonly type: 'nodes-ready'; readonly at: number }
  | { readonly type: 'lags'; readonly renewal: LagSummary; readonly delivery: LagSummary; readonly leases: number }
  | { readonly type: 'pods-running'; readonly firstCreate: number; readonly lastCreate: number; readonly allRunning: number; readonly errors: number };

const data = workerData as ObserverData;
const POD_LABEL = 'kubets-bench';
const CREATE_CONCURRENCY = 64;

const client = Client.fromKubeconfig(data.kubeconfig, { qps: Infinity, http2: 'always' });
const factory = new InformerFactory(client, { logger: silentLogger });

function send(reply: ObserverReply): void {
  parentPort?.postMessage(reply);
}

export function summarize(values: number[]): LagSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

// Nodes: which of the run's nodes show Ready=True.
const ready = new Set<string>();
let readyReported = false;
function observeNode(node: Node): void {
  const name = node.metadata?.name ?? '';
  if (!name.startsWith(data.namePrefix)) return;
  if (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ready.add(name);
  else ready.delete(name);
  if (!readyReported && ready.size >= data.nodes) {
    readyReported = true;
    send({ type: 'nodes-ready', at: Date.now() });
  }
}

// Leases: for each renewal seen inside the window, how late it is against the renewal
// before it plus the renew period (renewal lag), and how long it took to be seen (delivery).
let window: { renewal: number[]; delivery: number[]; leases: Set<string> } | undefined;
function observeLease(old: Lease, lease: Lease): void {
  if (window === undefined) return;
  const now = Date.now();
  const before = Date.parse(old.spec?.renewTime ?? '');
  const renewed = Date.parse(lease.spec?.renewTime ?? '');
  if (Number.isNaN(before) || Number.isNaN(renewed) || renewed === before) return;
  window.renewal.push(now - (before + data.leaseRenewMs));
  window.delivery.push(now - renewed);
  window.leases.add(lease.metadata?.name ?? '');
}

// Pods: which of the benchmark's pods are Running.
const running = new Set<string>();
let runningWanted = Infinity;
let onAllRunning: (() => void) | undefined;
function observePod(pod: Pod): void {
  if (pod.metadata?.labels?.[POD_LABEL] === undefined) return;
  if (pod.status?.phase === 'Running') running.add(pod.metadata.name ?? '');
  if (running.size >= runningWanted) onAllRunning?.();
}

async function watch(): Promise<void> {
  factory.nodes().addEventHandler({ onAdd: observeNode, onUpdate: (_old, node) => observeNode(node) });
  factory.informerFor<Lease>(LEASES).addEventHandler({ onUpdate: observeLease });
  factory.pods().addEventHandler({ onAdd: observePod, onUpdate: (_old, pod) => observePod(pod) });
  factory.start();
  await factory.waitForCacheSync();
  send({ type: 'watching' });
}

async function lags(ms: number): Promise<void> {
  window = { renewal: [], delivery: [], leases: new Set() };
  await new Promise((resolve) => setTimeout(resolve, ms));
  const seen = window;
  window = undefined;
  send({ type: 'lags', renewal: summarize(seen.renewal), delivery: summarize(seen.delivery), leases: seen.leases.size });
}

/** `count` pods bound round-robin to the nodes (spec.nodeName: no scheduler involved). */
async function pods(count: number): Promise<void> {
  const api = client.pods('default');
  const allRunning = new Promise<number>((resolve) => {
    runningWanted = count;
    onAllRunning = () => resolve(Date.now());
  });
  let next = 0;
  let errors = 0;
  const firstCreate = Date.now();
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const pod: Pod = {
          metadata: { name: `bench-${i}`, labels: { [POD_LABEL]: 'nodes' } },
          spec: {
            nodeName: `${data.namePrefix}${(i % data.nodes) + 1}`,
            containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
          },
        };
        await api.create(pod).catch(() => errors++);
      }
    }),
  );
  const lastCreate = Date.now();
  // Pods the server refused never run: wait for the others.
  runningWanted = count - errors;
  if (running.size >= runningWanted) onAllRunning?.();
  send({ type: 'pods-running', firstCreate, lastCreate, allRunning: await allRunning, errors });
}

parentPort?.on('message', (command: ObserverCommand) => {
  const done = command.cmd === 'watch' ? watch() : command.cmd === 'window' ? lags(command.ms) : pods(command.count);
  done.catch((error: unknown) => {
    throw error;
  });
});
