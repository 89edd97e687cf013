// `kubets controller-manager`: the controllers as a process of their own, talking to an API
// server through a kubeconfig, optionally behind leader election on the Lease
// kube-system/kube-controller-manager (as upstream), so that several may run and one leads.
// Flags follow kube-controller-manager's names. The layering rule keeps src/cli out of reach,
// so flags are parsed here with node:util.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, KubeconfigError, LeaderElector, LeaseLock, loadKubeconfig } from '../client/index.js';
import { runControllerManager } from './controller-manager.js';
import { CONTROLLERS, UnknownControllerError, selectControllers } from './registry.js';

export const LEADER_ELECTION_NAMESPACE = 'kube-system';
export const LEADER_ELECTION_NAME = 'kube-controller-manager';

/** Thrown when the command line cannot be used; the message is for a person. */
export class ControllerManagerFlagError extends Error {
  constructor(message: string) {
    super(`kubets controller-manager: ${message}`);
    this.name = 'ControllerManagerFlagError';
  }
}

const OPTIONS = {
  kubeconfig: { type: 'string' },
  controllers: { type: 'string', default: '*' },
  'leader-elect': { type: 'boolean', default: false },
  'leader-elect-lease-duration': { type: 'string', default: '15s' },
  'leader-elect-renew-deadline': { type: 'string', default: '10s' },
  'leader-elect-retry-period': { type: 'string', default: '2s' },
  'root-ca-file': { type: 'string' },
  'cluster-signing-cert-file': { type: 'string' },
  'cluster-signing-key-file': { type: 'string' },
  'concurrent-syncs': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: kubets controller-manager --kubeconfig FILE [flags]

Runs the controllers that make workloads real (kube-controller-manager).

Flags:
  --kubeconfig FILE                     the API server to manage (required)
  --controllers LIST                    '*' for all, 'name' to enable, '-name' to disable (default *)
                                        known: ${CONTROLLERS.map((c) => c.name).join(', ')}
  --leader-elect                        run only while holding the Lease ${LEADER_ELECTION_NAMESPACE}/${LEADER_ELECTION_NAME}
  --leader-elect-lease-duration D       (default 15s)
  --leader-elect-renew-deadline D       (default 10s)
  --leader-elect-retry-period D         (default 2s)
  --root-ca-file FILE                   CA to publish as kube-root-ca.crt (default: the kubeconfig's)
  --cluster-signing-cert-file FILE      CA certificate approved CSRs are signed with (with the key below)
  --cluster-signing-key-file FILE       its private key; without both, CSRs are not signed
  --concurrent-syncs N                  workers per controller (default: upstream's per controller)
  -h, --help                            print this help`;

export interface CommandOptions {
  /** Stops the command (instead of SIGINT/SIGTERM); for tests and embedding. */
  readonly signal?: AbortSignal;
}

/** Runs until a signal; 0 after a clean stop, 1 when leadership was lost, 2 on bad flags. */
export async function controllerManagerCommand(argv: string[], options: CommandOptions = {}): Promise<number> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(argv);
  } catch (error) {
    if (!(error instanceof ControllerManagerFlagError) && !(error instanceof UnknownControllerError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (flags === 'help') {
    console.log(USAGE);
    return 0;
  }
  let target;
  try {
    target = loadKubeconfig(flags.kubeconfig);
  } catch (error) {
    if (!(error instanceof KubeconfigError)) throw error;
    console.error(`kubets controller-manager: ${error.message}`);
    return 2;
  }
  // Upstream's --kube-api-qps 20 and --kube-api-burst 30.
  const client = Client.fromTarget(target, { qps: 20, burst: 30 });
  const rootCaPem = flags.rootCaFile === undefined ? target.certificateAuthorityPem : readFileSync(flags.rootCaFile, 'utf8');
  const clusterSigning = flags.signingCertFile && flags.signingKeyFile
    ? { certificatePem: readFileSync(flags.signingCertFile, 'utf8'), privateKeyPem: readFileSync(flags.signingKeyFile, 'utf8') }
    : undefined;
  const start = () => runControllerManager({ client, controllers: flags.controllers, rootCaPem, clusterSigning, workers: flags.workers });
  const stopRequested = stopSignal(options.signal);
  try {
    if (!flags.leaderElect) {
      const stop = start();
      await untilAborted(stopRequested.signal);
      await stop();
      return 0;
    }
    return await runAsLeader(client, flags, start, stopRequested.signal);
  } finally {
    stopRequested.dispose();
    await client.close();
  }
}

async function runAsLeader(client: Client, flags: Exclude<ReturnType<typeof parse>, 'help'>, start: () => () => Promise<void>, stop: AbortSignal): Promise<number> {
  const identity = `${os.hostname()}_${randomUUID()}`;
  const elector = new LeaderElector({
    lock: new LeaseLock(client.leases(LEADER_ELECTION_NAMESPACE), LEADER_ELECTION_NAMESPACE, LEADER_ELECTION_NAME, identity),
    leaseDurationMs: flags.leaseDurationMs,
    renewDeadlineMs: flags.renewDeadlineMs,
    retryPeriodMs: flags.retryPeriodMs,
    callbacks: {
      onStartedLeading: async (leading) => {
        console.error(`kubets controller-manager: ${identity} became leader`);
        const stopControllers = start();
        await untilAborted(leading);
        await stopControllers();
      },
      onStoppedLeading: () => {},
    },
  });
  const onStop = () => void elector.stop();
  stop.addEventListener('abort', onStop, { once: true });
  await elector.run();
  stop.removeEventListener('abort', onStop);
  // Upstream exits with an error when it loses the lease: another instance now leads.
  if (stop.aborted) return 0;
  console.error('kubets controller-manager: leader election lost');
  return 1;
}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new ControllerManagerFlagError((error as Error).message);
  }
  if (values.help) return 'help' as const;
  if (values.kubeconfig === undefined || values.kubeconfig === '') throw new ControllerManagerFlagError('--kubeconfig is required');
  const controllers = values.controllers.split(',').map((s) => s.trim()).filter((s) => s !== '');
  selectControllers(controllers); // unknown names fail here, before anything starts
  if ((values['cluster-signing-cert-file'] === undefined) !== (values['cluster-signing-key-file'] === undefined)) {
    throw new ControllerManagerFlagError('--cluster-signing-cert-file and --cluster-signing-key-file go together');
  }
  const workers = values['concurrent-syncs'] === undefined ? undefined : Number(values['concurrent-syncs']);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new ControllerManagerFlagError(`--concurrent-syncs must be a positive whole number, not "${values['concurrent-syncs'] ?? ''}"`);
  return {
    kubeconfig: values.kubeconfig,
    controllers,
    leaderElect: values['leader-elect'],
    leaseDurationMs: durationFlag('leader-elect-lease-duration', values['leader-elect-lease-duration']),
    renewDeadlineMs: durationFlag('leader-elect-renew-deadline', values['leader-elect-renew-deadline']),
    retryPeriodMs: durationFlag('leader-elect-retry-period', values['leader-elect-retry-period']),
    rootCaFile: values['root-ca-file'],
    signingCertFile: values['cluster-signing-cert-file'],
    signingKeyFile: values['cluster-signing-key-file'],
    workers,
  };
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go-style duration of one unit (`15s`, `500ms`, `1.5m`) in milliseconds. */
function durationFlag(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (match === null) throw new ControllerManagerFlagError(`--${name} must be a duration such as 15s or 500ms, not "${value}"`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Aborts on the caller's signal, or on SIGINT/SIGTERM when the caller gave none. */
function stopSignal(external: AbortSignal | undefined): { signal: AbortSignal; dispose(): void } {
  if (external !== undefined) return { signal: external, dispose: () => {} };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
