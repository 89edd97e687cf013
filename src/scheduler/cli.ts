// `kubets scheduler --kubeconfig F [--config C] [--leader-elect]`: loads and validates the
// configuration (a bad file stops here with the field named), serves /healthz, /livez,
// /readyz and /metrics, then schedules until SIGINT/SIGTERM — under a Lease
// (kube-system/kube-scheduler) when leader election is on.

import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, LeaderElector, LeaseLock, stderrLogger } from '../client/index.js';
import { ConfigError, loadConfigFile } from './config/load.js';
import { defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
import { SchedulerMetrics } from './metrics/scheduler-metrics.js';
import { serveSchedulerEndpoint, type SchedulerEndpoint } from './metrics/server.js';
import { runScheduler } from './scheduler.js';

/** Upstream's --secure-port default. */
const DEFAULT_PORT = 10259;

const USAGE = `Usage: kubets scheduler --kubeconfig FILE [--config FILE] [--leader-elect] [--record-verdicts] [--secure-port N] [--bind-address IP]

Assigns pending pods to nodes, as kube-scheduler does.

Flags:
  --kubeconfig FILE   the API server to use (required)
  --config FILE       a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1)
  --leader-elect      run only while holding the kube-system/kube-scheduler Lease
  --record-verdicts   annotate each scheduled pod with its Filter verdicts and Scores
                      (kube-scheduler-simulator.sigs.k8s.io/{filter,score,finalscore}-result)
  --secure-port N     where /healthz, /livez, /readyz and /metrics are served (default
                      10259, as upstream; plain HTTP, not HTTPS; 0 picks a free port)
  --bind-address IP   the address they listen on (default 127.0.0.1)
  -h, --help          print this help`;

export async function schedulerCommand(argv: string[]): Promise<number> {
  let values: { kubeconfig?: string; config?: string; 'leader-elect'?: boolean; 'record-verdicts'?: boolean; 'secure-port'?: string; 'bind-address'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kubeconfig: { type: 'string' },
        config: { type: 'string' },
        'leader-elect': { type: 'boolean' },
        'record-verdicts': { type: 'boolean' },
        'secure-port': { type: 'string', default: String(DEFAULT_PORT) },
        'bind-address': { type: 'string', default: '127.0.0.1' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`kubets scheduler: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (values.kubeconfig === undefined || values.kubeconfig === '') {
    console.error(`kubets scheduler: --kubeconfig is required\n\n${USAGE}`);
    return 2;
  }
  const port = Number(values['secure-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`kubets scheduler: --secure-port must be a port number (0 picks a free one), got ${values['secure-port']}\n\n${USAGE}`);
    return 2;
  }
  let config: SchedulerConfiguration;
  try {
    config = values.config === undefined ? defaultConfiguration() : loadConfigFile(values.config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`kubets scheduler: invalid configuration: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (values['leader-elect'] === true) config.leaderElection.leaderElect = true;
  if (values['record-verdicts'] === true) for (const profile of config.profiles) profile.recordVerdicts = true;
  const metrics = new SchedulerMetrics();
  let ready = false;
  let endpoint: SchedulerEndpoint;
  try {
    endpoint = await serveSchedulerEndpoint({ host: values['bind-address'] ?? '127.0.0.1', port, metrics: () => metrics.expose(), ready: () => ready });
  } catch (error) {
    console.error(`kubets scheduler: cannot serve on ${values['bind-address']}:${port}: ${(error as Error).message}`);
    return 1;
  }
  console.log(`kubets scheduler: serving /healthz, /livez, /readyz and /metrics on ${endpoint.url}`);
  const client = Client.fromKubeconfig(values.kubeconfig, { qps: 200, burst: 400 });
  const started = (): void => {
    ready = true;
  };
  try {
    await (config.leaderElection.leaderElect ? runElected(client, config, metrics, started) : runAlone(client, config, metrics, started));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`kubets scheduler: invalid configuration: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await client.close();
    await endpoint.close();
  }
}

async function runAlone(client: Client, config: SchedulerConfiguration, metrics: SchedulerMetrics, started: () => void): Promise<void> {
  const stop = await runScheduler({ client, config, metrics });
  started();
  await untilSignal();
  await stop();
}

async function runElected(client: Client, config: SchedulerConfiguration, metrics: SchedulerMetrics, started: () => void): Promise<void> {
  const { resourceNamespace, resourceName } = config.leaderElection;
  const identity = `${os.hostname()}_${process.pid}`;
  let stop: (() => Promise<void>) | undefined;
  const elector = new LeaderElector({
    lock: new LeaseLock(client.leases(resourceNamespace), resourceNamespace, resourceName, identity),
    callbacks: {
      onStartedLeading: async () => {
        stop = await runScheduler({ client, config, metrics });
        started();
      },
      onStoppedLeading: () => stderrLogger.info('stopped leading', { identity }),
    },
  });
  const running = elector.run();
  await Promise.race([untilSignal(), running]);
  await elector.stop();
  await stop?.();
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
