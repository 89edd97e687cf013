// The scheduler's public surface.

export { runScheduler, Scheduler, QueueSortMismatchError, DuplicatePluginError, withOutOfTree, type SchedulerOptions } from './scheduler.js';
export type { Factory, SchedulerHandle } from './plugins/registry.js';
export type { WaitingPod, WaitingPodsHandle } from './framework/waiting-pods.js';
export { schedulerCommand } from './cli.js';
export { loadConfigFile, parseConfig, ConfigError } from './config/load.js';
export { defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
