// The simulator side of bench/nodes.ts, run in a child process of its own (compiled, with
// the heap settings of `kubets nodes`) so that its CPU time and memory are its own:
// process.cpuUsage() and process.memoryUsage() of this process are the simulator's figures. Driven over the IPC channel:
//   parent → { cmd: 'start', kubeconfig, count, clusterCIDR }   child → { type: 'started', ms }
//   parent → { cmd: 'usage' }                                    child → { type: 'usage', … }
//   parent → { cmd: 'stop' }                                     child stops the simulator and exits
// Started with --cpu-prof, the profile is written when it exits.

import type { Logger } from '../src/client/logger.js';
import { capHeapGrowth } from '../src/nodes/heap-growth.js';
import { makePool } from '../src/nodes/pool.js';
import { runNodes, type NodeSimulator } from '../src/nodes/simulator.js';

export type SimulatorCommand =
  | { readonly cmd: 'start'; readonly kubeconfig: string; readonly count: number; readonly clusterCIDR: string; readonly namePrefix: string }
  | { readonly cmd: 'usage' }
  | { readonly cmd: 'stop' };

export type SimulatorReply =
  | { readonly type: 'loaded' }
  | { readonly type: 'started'; readonly ms: number }
  | { readonly type: 'usage'; readonly cpuMicros: number; readonly rss: number; readonly heapUsed: number; readonly problems: number }
  | { readonly type: 'failed'; readonly message: string };

let sim: NodeSimulator | undefined;

/** Warnings and errors are counted (a failed renewal is a figure); the first few are shown. */
let problems = 0;
const SHOWN = 10;
const report = (level: string) => (message: string, context?: Record<string, unknown>) => {
  if (problems++ < SHOWN) process.stderr.write(`simulator ${level}: ${message} ${JSON.stringify(context ?? {}, (_k, v: unknown) => (v instanceof Error ? v.message : v))}\n`);
};
const logger: Logger = { error: report('error'), warn: report('warning'), info: () => {} };

function send(reply: SimulatorReply): void {
  process.send?.(reply);
}

async function handle(command: SimulatorCommand): Promise<void> {
  switch (command.cmd) {
    case 'start': {
      const started = performance.now();
      const pool = makePool({ count: command.count, clusterCIDR: command.clusterCIDR, namePrefix: command.namePrefix });
      sim = await runNodes({ kubeconfig: command.kubeconfig, pool, logger });
      send({ type: 'started', ms: performance.now() - started });

      return;
    }
    case 'usage': {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      send({ type: 'usage', cpuMicros: cpu.user + cpu.system, rss: memory.rss, heapUsed: memory.heapUsed, problems });
      return;
    }
    case 'stop':
      await sim?.stop();
      process.disconnect();
      // process.exit (not a natural end): the profile of --cpu-prof is written on exit either way.
      process.exit(0);
  }
}

process.on('message', (command: SimulatorCommand) => {
  handle(command).catch((error: unknown) => send({ type: 'failed', message: String((error as Error).stack ?? error) }));
});
// This process stands for `kubets nodes`, which caps its heap growth the same way.
capHeapGrowth();
send({ type: 'loaded' });
