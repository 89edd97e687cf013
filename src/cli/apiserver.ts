// `kubets apiserver`: the API server alone, with upstream-style flags, on the embedded
// store or on an etcd cluster.

import os from 'node:os';
import path from 'node:path';
import { parseFlags, portFlag, usage, type FlagSpec } from './flags.js';
import { startControlPlane } from './control-plane.js';
import { runUntilSignal } from './signals.js';

const FLAGS = {
  'data-dir': { type: 'string', description: 'where certificates, the kubeconfig and the embedded store live', default: path.join(os.homedir(), '.kubets') },
  'secure-port': { type: 'string', description: 'HTTPS port', default: '6443' },
  'bind-address': { type: 'string', description: 'address to listen on', default: '127.0.0.1' },
  'etcd-servers': { type: 'string', description: 'comma-separated etcd endpoints (empty: the embedded store)', default: '' },
  'token-auth-file': { type: 'string', description: 'CSV file of bearer tokens: token,user,uid,"group1,group2"', default: '' },
  'service-cluster-ip-range': { type: 'string', description: 'CIDR for Service cluster IPs', default: '10.96.0.0/12' },
  'tls-san': { type: 'string', description: 'extra comma-separated names for the serving certificate', default: '' },
} satisfies Record<string, FlagSpec>;

const SUMMARY = 'Runs the Kubernetes API server.';

export async function apiserver(argv: string[]): Promise<number> {
  const flags = parseFlags('apiserver', FLAGS, argv);
  if (flags === 'help') {
    console.log(usage('apiserver', SUMMARY, FLAGS));
    return 0;
  }
  const port = portFlag('apiserver', 'secure-port', flags['secure-port']);
  const list = (value: string) => value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const plane = await startControlPlane({
    dataDir: flags['data-dir'],
    port,
    bindAddress: flags['bind-address'],
    etcdServers: list(flags['etcd-servers']),
    tokenAuthFile: flags['token-auth-file'] || undefined,
    extraNames: list(flags['tls-san']),
    serviceClusterIpRange: flags['service-cluster-ip-range'],
    log: (message) => console.error(`kubets apiserver: ${message}`),
  });
  console.log(`kubets apiserver: serving at ${plane.url}; admin kubeconfig ${plane.kubeconfigPath}`);
  await runUntilSignal(async (signal) => {
    console.log(`kubets apiserver: ${signal} received, stopping`);
    await plane.stop();
  });
  return 0;
}
