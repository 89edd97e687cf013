// `kubets up`: the whole control plane in one process with the embedded store.

import os from 'node:os';
import path from 'node:path';
import { countFlag, parseFlags, portFlag, usage, type FlagSpec } from './flags.js';
import { startControlPlane } from './control-plane.js';
import { runUntilSignal } from './signals.js';
import { runNodes } from '../nodes/simulator.js';
import { makePool } from '../nodes/pool.js';
import { runControllerManager } from '../controllers/controller-manager.js';
import { runScheduler } from '../scheduler/index.js';
import { Client } from '../client/client.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { componentLogger } from './component-logger.js';

const FLAGS = {
  'data-dir': { type: 'string', description: 'where the store, certificates and kubeconfig live', default: path.join(os.homedir(), '.kubets') },
  port: { type: 'string', description: 'HTTPS port of the API server', default: '6443' },
  'bind-address': { type: 'string', description: 'address the API server listens on', default: '127.0.0.1' },
  nodes: { type: 'string', description: 'number of simulated nodes (4 CPU, 32Gi, 110 pods each)', default: '3' },
  durability: { type: 'string', description: "store durability: 'full' (survives power loss) or 'process'", default: 'full' },
} satisfies Record<string, FlagSpec>;

const SUMMARY = 'Starts the API server with the embedded store, writes an admin kubeconfig, and runs until interrupted.';

export async function up(argv: string[]): Promise<number> {
  const flags = parseFlags('up', FLAGS, argv);
  if (flags === 'help') {
    console.log(usage('up', SUMMARY, FLAGS));
    return 0;
  }
  const port = portFlag('up', 'port', flags.port);
  const nodes = countFlag('up', 'nodes', flags.nodes);
  if (flags.durability !== 'full' && flags.durability !== 'process') {
    console.error(`kubets up: --durability must be 'full' or 'process', not "${flags.durability}"`);
    return 2;
  }
  const started = performance.now();
  console.log(`kubets: starting the control plane (data in ${flags['data-dir']})`);
  const plane = await startControlPlane({
    dataDir: flags['data-dir'],
    port,
    bindAddress: flags['bind-address'],
    durability: flags.durability,
    log: (message) => console.error(`kubets: ${message}`),
  });
  const apiMs = Math.round(performance.now() - started);
  console.log(`kubets: API server ready at ${plane.url} in ${apiMs} ms`);
  const simulator = await runNodes({ kubeconfig: plane.kubeconfigPath, pool: makePool({ count: nodes }) });
  console.log(`kubets: ${nodes} simulated node(s) registered (${Math.round(performance.now() - started)} ms since start)`);
  const controllerClient = Client.fromKubeconfig(plane.kubeconfigPath, { qps: 100, burst: 200 });
  const stopControllers = runControllerManager({
    client: controllerClient,
    rootCaPem: loadKubeconfig(plane.kubeconfigPath).certificateAuthorityPem,
    clusterSigning: plane.clusterCa,
    logger: componentLogger('controller-manager'),
  });
  const schedulerClient = Client.fromKubeconfig(plane.kubeconfigPath, { qps: 200, burst: 400 });
  const stopScheduler = await runScheduler({ client: schedulerClient });
  console.log('kubets: controller manager and scheduler running');
  console.log(`kubets: kubeconfig written to ${plane.kubeconfigPath}`);
  console.log('');
  console.log('Next:');
  console.log(`  export KUBECONFIG=${plane.kubeconfigPath}`);
  console.log('  kubectl get nodes');
  console.log('  kubectl create deployment web --image=nginx --replicas=3 && kubectl rollout status deployment/web');
  console.log('');
  console.log('Press Ctrl+C to stop.');
  await runUntilSignal(async (signal) => {
    console.log(`kubets: ${signal} received, stopping (in-flight requests finish first)`);
    await stopScheduler();
    await schedulerClient.close();
    await stopControllers();
    await controllerClient.close();
    await simulator.stop();
    await plane.stop();
    console.log('kubets: stopped');
  });
  return 0;
}
