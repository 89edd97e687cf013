// `kubets nodes --kubeconfig F [--count N] [--pool FILE]`: a pool of simulated kubelets
// against any Kubernetes API server, until SIGINT/SIGTERM. (The flag helpers of src/cli
// are out of this layer's reach, hence the small parser here.)

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AddressExhaustedError, AddressFormatError } from './addresses.js';
import { makePool, parsePool, type PoolConfig } from './pool.js';
import { runNodes } from './simulator.js';
import { FAULT_ANNOTATION } from './node-agent.js';
import { Client } from '../client/index.js';

const USAGE = `Runs simulated nodes (kubelet stand-ins) against an API server until interrupted:
registers them, renews their leases, and runs the pods bound to them.

Usage: kubets nodes --kubeconfig FILE [flags]

Flags:
  --kubeconfig FILE    the API server and credentials to use (required)
  --pool FILE          node pool YAML: count, namePrefix, capacity, labels, taints, zones, region,
                       instanceType, clusterCIDR, nodeCIDRMaskSize, nodeIPBase
  --count N            number of nodes (overrides the pool's count; default 3)
  --name-prefix P      node names are P1, P2, … (overrides the pool's; default kubets-node-)
  --kube-api-qps N     requests per second to the API server, burst twice that (one client
                       serves every node: default one per node, at least 200)
  -h, --help           print this help

Faults, for any simulated node (whichever process runs it):
  kubets nodes fault NODE --kubeconfig FILE --stop-heartbeats | --not-ready | --remove | --clear`;

/** Thrown when the command line of `kubets nodes` is unusable. */
export class NodesFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodesFlagError';
  }
}

export interface NodesCommandOptions {
  /** Stop when this settles instead of on SIGINT/SIGTERM (tests, embedding). */
  readonly until?: Promise<unknown>;
}

/** Exit code: 0 after a clean stop, 2 for bad flags or a bad pool, 1 when the simulator cannot start. */
export async function nodesCommand(argv: string[], options: NodesCommandOptions = {}): Promise<number> {
  if (argv[0] === 'fault') return faultCommand(argv.slice(1));
  let pool: PoolConfig;
  let kubeconfig: string;
  let qps: number | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { kubeconfig: { type: 'string' }, pool: { type: 'string' }, count: { type: 'string' }, 'name-prefix': { type: 'string' }, 'kube-api-qps': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.kubeconfig === undefined) throw new NodesFlagError('--kubeconfig is required');
    kubeconfig = values.kubeconfig;
    pool = values.pool === undefined ? makePool() : parsePool(readFileSync(values.pool, 'utf8'));
    const overrides: { count?: number; namePrefix?: string } = {};
    if (values.count !== undefined) {
      if (!/^\d+$/.test(values.count)) throw new NodesFlagError(`--count must be a non-negative integer, not "${values.count}"`);
      overrides.count = Number(values.count);
    }
    if (values['name-prefix'] !== undefined) overrides.namePrefix = values['name-prefix'];
    if (values['kube-api-qps'] !== undefined) {
      qps = Number(values['kube-api-qps']);
      if (!(qps > 0)) throw new NodesFlagError(`--kube-api-qps must be a positive number, not "${values['kube-api-qps']}"`);
    }
    pool = makePool({ ...pool, ...overrides });
  } catch (error) {
    console.error(`kubets nodes: ${(error as Error).message.replace(/^invalid node pool: /, '')}\nRun 'kubets nodes --help' for usage.`);
    return 2;
  }
  try {
    const started = performance.now();
    const sim = await runNodes({ kubeconfig, pool, qps });
    console.log(`kubets nodes: ${pool.count} node(s) Ready in ${Math.round(performance.now() - started)} ms (${sim.nodeNames()[0] ?? '-'} …)`);
    const reason = await (options.until?.then(() => 'stopped') ?? untilSignal());
    console.log(`kubets nodes: ${reason}, stopping (nodes and leases stay; they go stale)`);
    await sim.stop();
    return 0;
  } catch (error) {
    if (error instanceof AddressExhaustedError || error instanceof AddressFormatError) {
      console.error(`kubets nodes: ${error.message}`);
      return 2;
    }
    console.error(`kubets nodes: ${(error as Error).message}`);
    return 1;
  }
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(`${signal} received`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const FAULT_USAGE = `Injects a fault into a simulated node, through its kubets.io/fault annotation:

Usage: kubets nodes fault NODE --kubeconfig FILE (--stop-heartbeats | --not-ready | --remove | --clear)

  --stop-heartbeats   the node stops renewing its Lease and posting status (goes stale)
  --not-ready         the node reports Ready=False (KubeletNotReady), heartbeats go on
  --remove            the Node is deleted (its simulator stops heartbeating it)
  --clear             the node is healthy again`;

/** \`kubets nodes fault\`: 0 when the fault is set, 2 for bad flags, 1 when the API refuses. */
async function faultCommand(argv: string[]): Promise<number> {
  let node: string;
  let kubeconfig: string;
  let action: 'stop-heartbeats' | 'not-ready' | 'remove' | 'clear';
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        kubeconfig: { type: 'string' },
        'stop-heartbeats': { type: 'boolean' },
        'not-ready': { type: 'boolean' },
        remove: { type: 'boolean' },
        clear: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(FAULT_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new NodesFlagError('name exactly one node');
    if (values.kubeconfig === undefined) throw new NodesFlagError('--kubeconfig is required');
    const chosen = (['stop-heartbeats', 'not-ready', 'remove', 'clear'] as const).filter((a) => values[a]);
    if (chosen.length !== 1) throw new NodesFlagError('choose one of --stop-heartbeats, --not-ready, --remove, --clear');
    node = positionals[0] as string;
    kubeconfig = values.kubeconfig;
    action = chosen[0] as typeof action;
  } catch (error) {
    console.error(`kubets nodes fault: ${(error as Error).message}\nRun 'kubets nodes fault --help' for usage.`);
    return 2;
  }
  const client = Client.fromKubeconfig(kubeconfig);
  try {
    if (action === 'remove') await client.nodes().delete(node);
    else await client.nodes().patch(node, 'merge', { metadata: { annotations: { [FAULT_ANNOTATION]: action === 'clear' ? null : action } } });
    console.log(`kubets nodes fault: ${node}: ${action}`);
    return 0;
  } catch (error) {
    console.error(`kubets nodes fault: ${node}: ${(error as Error).message}`);
    return 1;
  } finally {
    await client.close();
  }
}
