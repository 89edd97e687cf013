// Shared pieces of the end-to-end suites: a real kubets control plane in this process on
// a free loopback port with a temporary data directory, and the real kubectl pointed at
// it with a private HOME (so nothing reads or writes ~/.kube).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setMaxListeners } from 'node:events';
import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../src/cli/control-plane.js';
import { Client, InformerFactory, silentLogger } from '../../src/client/index.js';
import type { Controller, ControllerContext } from '../../src/controllers/base/context.js';
import { makePool, type PoolConfig } from '../../src/nodes/pool.js';
import { runNodes, type NodeSimulator, type RunNodesOptions } from '../../src/nodes/simulator.js';
import { runScheduler } from '../../src/scheduler/index.js';

export interface TestCluster {
  readonly plane: ControlPlane;
  readonly home: string;
  kubectl(args: string[], input?: string): Promise<KubectlResult>;
  stop(): Promise<void>;
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Whether a program is on the PATH. */
export function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}

/**
 * Skip reason for a suite that needs `program`, or undefined when it may run. With CI=true
 * a missing program fails instead (the caller asserts).
 */
export function missingProgram(program: string): string | undefined {
  if (onPath(program)) return undefined;
  if (process.env.CI === 'true') throw new Error(`${program} is not on the PATH, and CI=true requires it`);
  return `${program} is not on the PATH`;
}

export async function startTestCluster(options: Partial<ControlPlaneOptions> = {}): Promise<TestCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kubets-e2e-'));
  const home = path.join(root, 'home');
  const plane = await startControlPlane({ dataDir: path.join(root, 'data'), port: 0, ...options });
  return {
    plane,
    home,
    kubectl: (args, input) => runKubectl(plane.kubeconfigPath, home, args, input),
    async stop() {
      await plane.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function runKubectl(kubeconfig: string, home: string, args: string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(home, 'cache'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every 100 ms until it returns a value other than undefined; a check that
 * throws is tried again. After `ms` the last error (or a timeout) is thrown.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError ?? new Error('condition not met in time');
    await sleep(100);
  }
}

/** Like eventually, but a check that throws ends the wait; a timeout names `what`. */
export async function eventuallyNamed<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export interface ControllerClusterOptions {
  /** The controllers under test, built on the one shared context. */
  readonly controllers: (ctx: ControllerContext) => Controller[];
  /** Simulated nodes that run the pods (a pool of the defaults with these overrides); none when omitted. */
  readonly nodes?: Partial<PoolConfig>;
  /** Further settings of the node simulator (heartbeats, lifecycle). */
  readonly simulator?: Pick<RunNodesOptions, 'heartbeat' | 'lifecycle'>;
  /** Run the scheduler (default: when there are nodes). */
  readonly scheduler?: boolean;
}

/** A test cluster with the controllers under test running on it, and what they run on. */
export interface ControllerCluster {
  readonly cluster: TestCluster;
  /** The client of the controllers, the nodes, the scheduler and the test. */
  readonly client: Client;
  readonly informers: InformerFactory;
  readonly nodes: NodeSimulator | undefined;
  /** Stops the controllers, informers, scheduler and nodes, then the cluster. */
  stop(): Promise<void>;
}

/**
 * What the controller suites share: a cluster, one client, optionally simulated nodes and
 * the scheduler, and the controllers under test on a shared informer factory, started.
 */
export async function startControllerCluster(options: ControllerClusterOptions): Promise<ControllerCluster> {
  const cluster = await startTestCluster();
  const client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 200, burst: 400 });
  const nodes = options.nodes === undefined ? undefined : await runNodes({ client, logger: silentLogger, pool: makePool(options.nodes), ...options.simulator });
  const stopScheduler = (options.scheduler ?? nodes !== undefined) ? await runScheduler({ client, logger: silentLogger }) : undefined;
  const informers = new InformerFactory(client, { logger: silentLogger });
  const controllers = options.controllers({ client, informers, logger: silentLogger });
  const stopping = new AbortController();
  // Every informer's cache wait listens on the one signal.
  setMaxListeners(0, stopping.signal);
  informers.start();
  const runs = controllers.map((c) => c.run(stopping.signal));
  return {
    cluster,
    client,
    informers,
    nodes,
    async stop() {
      stopping.abort();
      await Promise.all(runs);
      await informers.shutdown();
      await stopScheduler?.();
      await nodes?.stop();
      await client.close();
      await cluster.stop();
    },
  };
}
