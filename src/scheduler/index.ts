// The scheduler's public surface.

export { runScheduler, Scheduler, QueueSortMismatchError, type SchedulerOptions } from './scheduler.js';
export { schedulerCommand } from './cli.js';
export { loadConfigFile, parseConfig, ConfigError } from './config/load.js';
export { defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
