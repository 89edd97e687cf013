// Entry point of the `kubets` command: dispatches to the subcommands and turns expected
// failures (bad flags, unusable files) into a message and a non-zero exit.

import { FlagError } from './flags.js';
import { up } from './up.js';
import { apiserver } from './apiserver.js';
import { nodesCommand } from '../nodes/cli.js';
import { capHeapGrowth } from '../nodes/heap-growth.js';
import { controllerManagerCommand } from '../controllers/cli.js';
import { schedulerCommand } from '../scheduler/cli.js';
import { StoreError } from '../storage/errors.js';
import { PkiError } from '../apiserver/pki/errors.js';
import { CidrError } from '../apiserver/services/cidr.js';

const COMMANDS: Readonly<Record<string, { run: (argv: string[]) => Promise<number>; summary: string }>> = {
  up: { run: up, summary: 'start the whole control plane with the embedded store' },
  apiserver: { run: apiserver, summary: 'run the API server alone (embedded store or --etcd-servers)' },
  nodes: {
    // A process that only simulates nodes: keep its heap near its live size.
    run: (argv) => {
      capHeapGrowth();
      return nodesCommand(argv);
    },
    summary: 'run simulated nodes against an API server (--kubeconfig)',
  },
  scheduler: { run: schedulerCommand, summary: 'assign pods to nodes (kube-scheduler)' },
  'controller-manager': { run: (argv) => controllerManagerCommand(argv), summary: 'run the controllers against an API server (--kubeconfig)' },
};

function usage(): string {
  const lines = ['kubets — the Kubernetes control plane, written in TypeScript', '', 'Usage: kubets <command> [flags]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(20)} ${summary}`);
  lines.push(`  ${'help'.padEnd(20)} print this help`, '', "Run 'kubets <command> --help' for the flags of a command.");
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`kubets: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof FlagError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof CidrError) {
      console.error(`kubets ${name}: --service-cluster-ip-range: ${error.message}`);
      return 2;
    }
    if (error instanceof StoreError || error instanceof PkiError) {
      console.error(`kubets ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
