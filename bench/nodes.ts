// The simulated nodes benchmark (issue 6). A kubets API server runs in this process (the
// embedded store, 'full' durability, as `kubets up`); the node simulator runs in a child
// process, compiled to JavaScript first as `kubets nodes` runs it (its CPU time and
// memory are that process's own); an observer in a worker
// thread sees everything through the API (informers on Nodes, node Leases and Pods):
//   1. the simulator registers 5,000 nodes: time from its start until every node shows
//      Ready=True on the observer's watch;
//   2. steady state for a window (default 10 minutes, real time; `--quick`: 1 minute),
//      from one renew period after the last node is Ready:
//      for each Lease renewal seen on the watch, its lag = when it was seen − (the
//      renewal before it + the 10 s renew period); p50/p99/max, and the simulator's CPU
//      over the window;
//   3. 10,000 pods created with spec.nodeName (no scheduler), 2 per node: time from the
//      last create until every one shows phase Running;
//   4. the simulator's resident memory: its peak, sampled every second throughout.
// Targets: 5,000 Ready < 30 s; renewal lag p99 < 1 s; 10,000 pods Running < 20 s after
// the last create; simulator memory < 300 MB.
// Flags: --nodes=N --pods=N --window=SECONDS --quick, --cpu-prof (profile the simulator;
// the .cpuprofile is kept in a temporary directory, printed at the end).

import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startControlPlane } from '../src/cli/control-plane.js';
import { DEFAULT_HEARTBEAT } from '../src/nodes/simulator.js';
import type { ObserverCommand, ObserverData, ObserverReply } from './_nodes-observer.js';
import type { SimulatorCommand, SimulatorReply } from './_nodes-simulator.js';

const NAME_PREFIX = 'bench-node-';
/** /24 podCIDRs out of a /8: room for 65,536 nodes (the default /16 holds 256). */
const CLUSTER_CIDR = '10.0.0.0/8';
/** How long a phase may take (the steady state: its window plus this). */
const PHASE_TIMEOUT_MS = 10 * 60_000;

interface Settings {
  readonly nodes: number;
  readonly pods: number;
  readonly windowSeconds: number;
  readonly cpuProfile: boolean;
}

/** Thrown when a benchmark flag is not understood. */
export class BenchFlagError extends Error {
  constructor(flag: string) {
    super(`unknown or malformed flag ${flag} (--nodes=N --pods=N --window=SECONDS --quick --cpu-prof)`);
    this.name = 'BenchFlagError';
  }
}

function parseSettings(args: readonly string[]): Settings {
  const settings = { nodes: 5_000, pods: 10_000, windowSeconds: 600, cpuProfile: false };
  for (const arg of args) {
    const [flag, value] = arg.split('=', 2);
    const n = Number(value);
    if (flag === '--quick' && value === undefined) settings.windowSeconds = 60;
    else if (flag === '--cpu-prof' && value === undefined) settings.cpuProfile = true;
    else if (flag === '--nodes' && Number.isInteger(n) && n > 0) settings.nodes = n;
    else if (flag === '--pods' && Number.isInteger(n) && n >= 0) settings.pods = n;
    else if (flag === '--window' && n > 0) settings.windowSeconds = n;
    else throw new BenchFlagError(arg);
  }
  return settings;
}

/** Waits for the first message of `type` from a child or worker, within `timeoutMs`. */
function nextMessage<R extends { type: string }, T extends R['type']>(
  source: ChildProcess | Worker,
  type: T,
  timeoutMs = PHASE_TIMEOUT_MS,
): Promise<Extract<R, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new Error(`no "${type}" within ${timeoutMs / 1000} s`))), timeoutMs);
    const onMessage = (message: R) => {
      if (message.type === 'failed') finish(() => reject(new Error(`simulator failed: ${(message as unknown as { message: string }).message}`)));
      else if (message.type === type) finish(() => resolve(message as Extract<R, { type: T }>));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`exited (code ${String(code)}) waiting for "${type}"`)));
    const finish = (then: () => void) => {
      clearTimeout(timer);
      source.off('message', onMessage);
      source.off('exit', onExit);
      then();
    };
    source.on('message', onMessage);
    source.on('exit', onExit);
  });
}

/** The simulator's CPU time and memory, sampled every second; peaks kept. */
class UsageSampler {
  peakRss = 0;
  peakHeap = 0;
  problems = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly child: ChildProcess) {
    this.timer = setInterval(() => void this.sample().catch(() => {}), 1000);
  }

  async sample(): Promise<{ cpuMicros: number }> {
    const reply = nextMessage<SimulatorReply, 'usage'>(this.child, 'usage');
    this.child.send({ cmd: 'usage' } satisfies SimulatorCommand);
    const usage = await reply;
    this.peakRss = Math.max(this.peakRss, usage.rss);
    this.peakHeap = Math.max(this.peakHeap, usage.heapUsed);
    this.problems = usage.problems;
    return usage;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Compiles the simulator's side (bench/_nodes-simulator.ts and what it imports) to
 * JavaScript in `outDir`, so that the child runs compiled code as `kubets nodes` does:
 * under tsx it would also carry tsx's compiler and loader thread (about 30 MiB).
 */
function compileSimulator(outDir: string): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const options = ['--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--strict', '--noUncheckedIndexedAccess', '--skipLibCheck', '--types', 'node', '--esModuleInterop', '--verbatimModuleSyntax'];
  execFileSync(process.execPath, [tsc, '--outDir', outDir, '--rootDir', root, ...options, join(root, 'bench', '_nodes-simulator.ts')], { stdio: 'inherit' });
  // The compiled modules resolve their packages from here.
  symlinkSync(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return join(outDir, 'bench', '_nodes-simulator.js');
}

function startSimulator(entry: string, profileDir: string | undefined): ChildProcess {
  const profile = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  return fork(entry, [], { execArgv: profile, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function startObserver(data: ObserverData): Worker {
  // A worker's entry cannot be TypeScript on Node 20: register tsx inside it first.
  const entry = new URL('./_nodes-observer.ts', import.meta.url).href;
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(source, { eval: true, workerData: data });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const mib = (bytes: number) => bytes / 2 ** 20;

export async function run(args: readonly string[]): Promise<void> {
  const settings = parseSettings(args);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${settings.nodes.toLocaleString('en')} nodes, ${settings.pods.toLocaleString('en')} pods, steady-state window ${settings.windowSeconds} s of real time (the issue's 10 minutes: --window=600, the default; --quick: 60 s)`);
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-nodes-'));
  const profileDir = settings.cpuProfile ? mkdtempSync(join(tmpdir(), 'kubets-bench-nodes-prof-')) : undefined;
  const plane = await startControlPlane({ dataDir: dir, port: 0, durability: 'full' });
  const observer = startObserver({ kubeconfig: plane.kubeconfigPath, nodes: settings.nodes, namePrefix: NAME_PREFIX, leaseRenewMs: DEFAULT_HEARTBEAT.leaseRenewMs });
  const simulator = startSimulator(compileSimulator(join(dir, 'simulator')), profileDir);
  const ask = (command: ObserverCommand) => observer.postMessage(command);
  let sampler: UsageSampler | undefined;
  try {
    await nextMessage<SimulatorReply, 'loaded'>(simulator, 'loaded');
    const watching = nextMessage<ObserverReply, 'watching'>(observer, 'watching');
    ask({ cmd: 'watch' });
    await watching;

    // 1. Registration.
    sampler = new UsageSampler(simulator);
    // What the child holds before the simulator starts: Node and the loaded modules.
    await sampler.sample();
    const baselineRss = sampler.peakRss;
    const allReady = nextMessage<ObserverReply, 'nodes-ready'>(observer, 'nodes-ready');
    const startedAt = Date.now();
    simulator.send({ cmd: 'start', kubeconfig: plane.kubeconfigPath, count: settings.nodes, clusterCIDR: CLUSTER_CIDR, namePrefix: NAME_PREFIX } satisfies SimulatorCommand);
    const readySeconds = ((await allReady).at - startedAt) / 1000;
    const started = await nextMessage<SimulatorReply, 'started'>(simulator, 'started');
    const afterRegistration = await sampler.sample();
    console.log(`${settings.nodes.toLocaleString('en')} nodes Ready (seen on a watch): ${fmt(readySeconds, 2)} s (target < 30: ×${fmt(30 / readySeconds, 2)}); runNodes resolved after ${fmt(started.ms / 1000, 2)} s; simulator CPU ${fmt(afterRegistration.cpuMicros / 1e6, 2)} s`);

    // 2. Steady state, from one renew period after the last node is Ready (the first
    // renewal of each node falls anywhere within its first period: registration, not
    // steady state).
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_HEARTBEAT.leaseRenewMs));
    const lags = nextMessage<ObserverReply, 'lags'>(observer, 'lags', settings.windowSeconds * 1000 + PHASE_TIMEOUT_MS);
    ask({ cmd: 'window', ms: settings.windowSeconds * 1000 });
    const { renewal, delivery, leases } = await lags;
    const afterWindow = await sampler.sample();
    const steadyCpu = (afterWindow.cpuMicros - afterRegistration.cpuMicros) / 1e6 / settings.windowSeconds;
    const expected = Math.floor((settings.nodes * settings.windowSeconds * 1000) / DEFAULT_HEARTBEAT.leaseRenewMs);
    console.log(`lease renewals over ${settings.windowSeconds} s: ${renewal.samples.toLocaleString('en')} (${leases.toLocaleString('en')} leases; ≈ ${expected.toLocaleString('en')} expected)`);
    console.log(`renewal lag (seen − previous renewal − ${DEFAULT_HEARTBEAT.leaseRenewMs / 1000} s): p50 ${fmt(renewal.p50)} ms, p99 ${fmt(renewal.p99)} ms (target < 1000: ×${fmt(1000 / Math.max(renewal.p99, 1), 2)}), max ${fmt(renewal.max)} ms`);
    console.log(`watch delivery of a renewal (seen − renewTime): p50 ${fmt(delivery.p50)} ms, p99 ${fmt(delivery.p99)} ms`);
    console.log(`simulator CPU in steady state: ${fmt(steadyCpu * 100)} % of one core`);

    // 3. Pods.
    const podsRunning = nextMessage<ObserverReply, 'pods-running'>(observer, 'pods-running');
    const cpuBeforePods = (await sampler.sample()).cpuMicros;
    ask({ cmd: 'pods', count: settings.pods });
    const pods = await podsRunning;
    const podCpu = ((await sampler.sample()).cpuMicros - cpuBeforePods) / 1e6;
    const runningSeconds = (pods.allRunning - pods.lastCreate) / 1000;
    console.log(`${settings.pods.toLocaleString('en')} pods created in ${fmt((pods.lastCreate - pods.firstCreate) / 1000, 2)} s (errors ${pods.errors}); all Running ${fmt(runningSeconds, 2)} s after the last create (target < 20: ×${fmt(20 / Math.max(runningSeconds, 0.001), 2)}), ${fmt((pods.allRunning - pods.firstCreate) / 1000, 2)} s after the first; simulator CPU ${fmt(podCpu, 2)} s`);

    // 4. Memory.
    await sampler.sample();
    const rss = mib(sampler.peakRss);
    console.log(`simulator memory: peak resident ${fmt(rss)} MiB (target < 300 MB: ×${fmt(300 / ((sampler.peakRss / 1e6) || 1), 2)}), of which ${fmt(mib(baselineRss))} MiB before it started (Node, modules); peak heap used ${fmt(mib(sampler.peakHeap))} MiB; warnings/errors logged: ${sampler.problems}`);

    const targetsMet = readySeconds < 30 && renewal.p99 < 1000 && runningSeconds < 20 && sampler.peakRss < 300e6 && pods.errors === 0 && renewal.samples > 0;
    console.log(
      JSON.stringify({
        bench: 'nodes',
        nodes: settings.nodes,
        pods: settings.pods,
        window_s: settings.windowSeconds,
        nodes_ready_s: +fmt(readySeconds, 3),
        renewal_lag_p50_ms: +fmt(renewal.p50),
        renewal_lag_p99_ms: +fmt(renewal.p99),
        renewal_lag_max_ms: +fmt(renewal.max),
        renewals: renewal.samples,
        delivery_p99_ms: +fmt(delivery.p99),
        steady_cpu_pct: +fmt(steadyCpu * 100),
        pods_running_s: +fmt(runningSeconds, 3),
        pod_errors: pods.errors,
        sim_peak_rss_mib: +fmt(rss),
        sim_peak_heap_mib: +fmt(mib(sampler.peakHeap)),
        sim_baseline_rss_mib: +fmt(mib(baselineRss)),
        sim_problems: sampler.problems,
        load_average_1m: +fmt(loadavg()[0] ?? 0, 2),
        targets_met: targetsMet,
      }),
    );
  } finally {
    sampler?.stop();
    await stopSimulator(simulator);
    await observer.terminate();
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
    if (profileDir !== undefined) console.log(`simulator CPU profile in ${profileDir}`);
  }
}

async function stopSimulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ cmd: 'stop' } satisfies SimulatorCommand);
  else child.kill();
  const timer = setTimeout(() => child.kill(), 30_000);
  await exited;
  clearTimeout(timer);
}
