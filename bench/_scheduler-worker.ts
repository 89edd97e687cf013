// The scheduler of bench/scheduler.ts, in a worker thread (its own event loop, as
// kube-scheduler is its own process). Stops when the main thread says so.

import { parentPort, workerData } from 'node:worker_threads';
import { Client, silentLogger } from '../src/client/index.js';
import { runScheduler } from '../src/scheduler/index.js';

const { kubeconfig } = workerData as { kubeconfig: string };
// scheduler_perf gives its scheduler 5,000 QPS; the rate limit is not what is measured.
const client = Client.fromKubeconfig(kubeconfig, { qps: 5000, burst: 5000 });
const stop = await runScheduler({ client, logger: silentLogger });
parentPort!.postMessage('ready');
parentPort!.once('message', () => {
  void stop()
    .then(() => client.close())
    .then(() => parentPort!.postMessage('stopped'));
});
