// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), the subset kubets reads.

export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface PluginRef {
  name: string;
  weight?: number;
}

export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}

export const EXTENSION_POINTS = [
  'multiPoint',
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;

export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export type Plugins = Partial<Record<ExtensionPoint, PluginSet>>;

export interface Profile {
  schedulerName: string;
  /** kubets' addition: annotate each scheduled pod with its Filter verdicts and Scores (simulator keys). */
  recordVerdicts?: boolean;
  percentageOfNodesToScore?: number;
  plugins?: Plugins;
  pluginConfig?: { name: string; args?: Record<string, unknown> }[];
}

export interface SchedulerConfiguration {
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  leaderElection: { leaderElect: boolean; resourceNamespace: string; resourceName: string };
  profiles: Profile[];
}

export function defaultConfiguration(): SchedulerConfiguration {
  return {
    podInitialBackoffSeconds: 1,
    podMaxBackoffSeconds: 10,
    leaderElection: { leaderElect: false, resourceNamespace: 'kube-system', resourceName: 'kube-scheduler' },
    profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME }],
  };
}
