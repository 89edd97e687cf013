// `kubets up`: the whole control plane in one process with the embedded store.

import os from 'node:os';
import path from 'node:path';
import { countFlag, parseFlags, portFlag, usage, type FlagSpec } from './flags.js';
import { startControlPlane } from './control-plane.js';
import { startComponents } from './components.js';
import { runUntilSignal } from './signals.js';

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
  const components = await startComponents({ kubeconfigPath: plane.kubeconfigPath, nodes, clusterSigning: plane.clusterCa });
  console.log(`kubets: ${nodes} simulated node(s) registered, controller manager and scheduler started (${Math.round(performance.now() - started)} ms since start)`);
  console.log(`kubets: kubeconfig written to ${plane.kubeconfigPath}`);
  if (components.schedulerMetricsUrl !== undefined) console.log(`kubets: scheduler metrics at ${components.schedulerMetricsUrl}`);
  console.log('');
  console.log('Next:');
  console.log(`  export KUBECONFIG=${plane.kubeconfigPath}`);
  console.log('  kubectl get nodes');
  console.log('  kubectl create deployment web --image=nginx --replicas=3 && kubectl rollout status deployment/web');
  console.log('');
  console.log('Press Ctrl+C to stop.');
  await runUntilSignal(async (signal) => {
    console.log(`kubets: ${signal} received, stopping (in-flight requests finish first)`);
    await components.stop();
    await plane.stop();
    console.log('kubets: stopped');
  });
  return 0;
}
