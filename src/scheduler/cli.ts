// `kubets scheduler --kubeconfig F [--config C] [--leader-elect]`: loads and validates the
// configuration (a bad file stops here with the field named), then schedules until
// SIGINT/SIGTERM — under a Lease (kube-system/kube-scheduler) when leader election is on.

import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, LeaderElector, LeaseLock, stderrLogger } from '../client/index.js';
import { ConfigError, loadConfigFile } from './config/load.js';
import { defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
import { runScheduler } from './scheduler.js';

const USAGE = `Usage: kubets scheduler --kubeconfig FILE [--config FILE] [--leader-elect] [--record-verdicts]

Assigns pending pods to nodes, as kube-scheduler does.

Flags:
  --kubeconfig FILE   the API server to use (required)
  --config FILE       a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1)
  --leader-elect      run only while holding the kube-system/kube-scheduler Lease
  --record-verdicts   annotate each scheduled pod with its Filter verdicts and Scores
                      (kube-scheduler-simulator.sigs.k8s.io/{filter,score,finalscore}-result)
  -h, --help          print this help`;

export async function schedulerCommand(argv: string[]): Promise<number> {
  let values: { kubeconfig?: string; config?: string; 'leader-elect'?: boolean; 'record-verdicts'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { kubeconfig: { type: 'string' }, config: { type: 'string' }, 'leader-elect': { type: 'boolean' }, 'record-verdicts': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  const client = Client.fromKubeconfig(values.kubeconfig, { qps: 200, burst: 400 });
  try {
    await (config.leaderElection.leaderElect ? runElected(client, config) : runAlone(client, config));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`kubets scheduler: invalid configuration: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await client.close();
  }
}

async function runAlone(client: Client, config: SchedulerConfiguration): Promise<void> {
  const stop = await runScheduler({ client, config });
  await untilSignal();
  await stop();
}

async function runElected(client: Client, config: SchedulerConfiguration): Promise<void> {
  const { resourceNamespace, resourceName } = config.leaderElection;
  const identity = `${os.hostname()}_${process.pid}`;
  let stop: (() => Promise<void>) | undefined;
  const elector = new LeaderElector({
    lock: new LeaseLock(client.leases(resourceNamespace), resourceNamespace, resourceName, identity),
    callbacks: {
      onStartedLeading: async () => {
        stop = await runScheduler({ client, config });
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
