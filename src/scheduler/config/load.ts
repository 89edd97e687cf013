// Reading and validating a KubeSchedulerConfiguration file. Decoding is strict, as
// upstream's: an unknown field, a wrong type, an unknown plugin or a bad value stops the
// scheduler with an error naming the field (`profiles[1].plugins.score.enabled[0].name`),
// plugin args included (plugin-args.ts).

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REGISTRY, type Factory } from '../plugins/registry.js';
import { pluginConfigErrors } from './plugin-args.js';
import { CONFIG_API_VERSION, DEFAULT_SCHEDULER_NAME, EXTENSION_POINTS, defaultConfiguration, type Plugins, type Profile, type SchedulerConfiguration } from './types.js';

/**
 * Thrown when a scheduler configuration cannot be used; the message names the field (`field`
 * is the first at fault). Several problems found together are listed as upstream lists
 * them: `[a: …, b: …]`.
 */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    detail: string,
    /** Further problems, each `field: detail`. */
    readonly more: readonly string[] = [],
  ) {
    super(more.length === 0 ? `${field}: ${detail}` : `[${[`${field}: ${detail}`, ...more].join(', ')}]`);
    this.name = 'ConfigError';
  }
}

const TOP_FIELDS = new Set([
  'apiVersion',
  'kind',
  'parallelism',
  'leaderElection',
  'clientConnection',
  'healthzBindAddress',
  'metricsBindAddress',
  'enableProfiling',
  'enableContentionProfiling',
  'percentageOfNodesToScore',
  'podInitialBackoffSeconds',
  'podMaxBackoffSeconds',
  'profiles',
  'extenders',
  'delayCacheUntilActive',
]);
const PROFILE_FIELDS = new Set(['schedulerName', 'percentageOfNodesToScore', 'plugins', 'pluginConfig', 'recordVerdicts']);

/**
 * `registry` names the plugins a profile may use: the in-tree ones, plus out-of-tree ones
 * when the caller has them (SchedulerOptions.registry); their args are passed on unchecked.
 */
export function loadConfigFile(file: string, registry: ReadonlyMap<string, Factory> = REGISTRY): SchedulerConfiguration {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('--config', `cannot read ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ConfigError('--config', `${file} is not YAML: ${(error as Error).message}`);
  }
  return parseConfig(doc, registry);
}

export function parseConfig(doc: unknown, registry: ReadonlyMap<string, Factory> = REGISTRY): SchedulerConfiguration {
  const obj = record(doc, '(root)');
  strict(obj, TOP_FIELDS, '');
  if (obj.apiVersion !== CONFIG_API_VERSION) throw new ConfigError('apiVersion', `must be "${CONFIG_API_VERSION}", got ${JSON.stringify(obj.apiVersion)}`);
  if (obj.kind !== 'KubeSchedulerConfiguration') throw new ConfigError('kind', `must be "KubeSchedulerConfiguration", got ${JSON.stringify(obj.kind)}`);
  const config = defaultConfiguration();
  if (obj.percentageOfNodesToScore !== undefined) config.percentageOfNodesToScore = percentage(obj.percentageOfNodesToScore, 'percentageOfNodesToScore');
  if (obj.podInitialBackoffSeconds !== undefined) config.podInitialBackoffSeconds = positiveInt(obj.podInitialBackoffSeconds, 'podInitialBackoffSeconds');
  if (obj.podMaxBackoffSeconds !== undefined) config.podMaxBackoffSeconds = positiveInt(obj.podMaxBackoffSeconds, 'podMaxBackoffSeconds');
  if (config.podMaxBackoffSeconds < config.podInitialBackoffSeconds) throw new ConfigError('podMaxBackoffSeconds', 'must be greater than or equal to podInitialBackoffSeconds');
  if (obj.leaderElection !== undefined) {
    const le = record(obj.leaderElection, 'leaderElection');
    if (le.leaderElect !== undefined) {
      if (typeof le.leaderElect !== 'boolean') throw new ConfigError('leaderElection.leaderElect', 'must be a boolean');
      config.leaderElection.leaderElect = le.leaderElect;
    }
    if (typeof le.resourceNamespace === 'string') config.leaderElection.resourceNamespace = le.resourceNamespace;
    if (typeof le.resourceName === 'string') config.leaderElection.resourceName = le.resourceName;
  }
  if (obj.profiles !== undefined) {
    if (!Array.isArray(obj.profiles) || obj.profiles.length === 0) throw new ConfigError('profiles', 'must be a non-empty list');
    config.profiles = obj.profiles.map((p, i) => parseProfile(p, `profiles[${i}]`, registry));
  }
  const names = new Set<string>();
  config.profiles.forEach((p, i) => {
    if (names.has(p.schedulerName)) throw new ConfigError(`profiles[${i}].schedulerName`, `Duplicate value: "${p.schedulerName}"`);
    names.add(p.schedulerName);
  });
  return config;
}

function parseProfile(raw: unknown, path: string, registry: ReadonlyMap<string, Factory>): Profile {
  const obj = record(raw, path);
  strict(obj, PROFILE_FIELDS, `${path}.`);
  const profile: Profile = { schedulerName: DEFAULT_SCHEDULER_NAME };
  if (obj.schedulerName !== undefined) {
    if (typeof obj.schedulerName !== 'string' || obj.schedulerName === '') throw new ConfigError(`${path}.schedulerName`, 'Required value');
    profile.schedulerName = obj.schedulerName;
  }
  if (obj.percentageOfNodesToScore !== undefined) profile.percentageOfNodesToScore = percentage(obj.percentageOfNodesToScore, `${path}.percentageOfNodesToScore`);
  if (obj.plugins !== undefined) profile.plugins = parsePlugins(obj.plugins, `${path}.plugins`, registry);
  if (obj.recordVerdicts !== undefined) {
    if (typeof obj.recordVerdicts !== 'boolean') throw new ConfigError(`${path}.recordVerdicts`, 'must be a boolean');
    profile.recordVerdicts = obj.recordVerdicts;
  }
  if (obj.pluginConfig !== undefined) {
    if (!Array.isArray(obj.pluginConfig)) throw new ConfigError(`${path}.pluginConfig`, 'must be a list');
    profile.pluginConfig = obj.pluginConfig.map((c, i) => {
      const entry = record(c, `${path}.pluginConfig[${i}]`);
      strict(entry, new Set(['name', 'args']), `${path}.pluginConfig[${i}].`);
      knownPlugin(entry.name, `${path}.pluginConfig[${i}].name`, registry);
      const args = entry.args === undefined ? undefined : record(entry.args, `${path}.pluginConfig[${i}].args`);
      return args === undefined ? { name: entry.name as string } : { name: entry.name as string, args };
    });
    const [first, ...rest] = pluginConfigErrors(profile.pluginConfig, path);
    if (first !== undefined) throw new ConfigError(first.field, first.detail, rest.map((e) => `${e.field}: ${e.detail}`));
  }
  return profile;
}

function parsePlugins(raw: unknown, path: string, registry: ReadonlyMap<string, Factory>): Plugins {
  const obj = record(raw, path);
  strict(obj, new Set(EXTENSION_POINTS), `${path}.`);
  const out: Plugins = {};
  for (const point of EXTENSION_POINTS) {
    if (obj[point] === undefined) continue;
    const set = record(obj[point], `${path}.${point}`);
    strict(set, new Set(['enabled', 'disabled']), `${path}.${point}.`);
    out[point] = {};
    for (const which of ['enabled', 'disabled'] as const) {
      if (set[which] === undefined) continue;
      if (!Array.isArray(set[which])) throw new ConfigError(`${path}.${point}.${which}`, 'must be a list');
      out[point][which] = (set[which] as unknown[]).map((p, i) => {
        const field = `${path}.${point}.${which}[${i}]`;
        const ref = record(p, field);
        strict(ref, new Set(['name', 'weight']), `${field}.`);
        if (!(which === 'disabled' && ref.name === '*')) knownPlugin(ref.name, `${field}.name`, registry);
        if (ref.weight !== undefined && (!Number.isInteger(ref.weight) || (ref.weight as number) < 0 || (ref.weight as number) > 100)) {
          throw new ConfigError(`${field}.weight`, `Invalid value: ${JSON.stringify(ref.weight)}: must be an integer in 0..100`);
        }
        return ref.weight === undefined ? { name: ref.name as string } : { name: ref.name as string, weight: ref.weight as number };
      });
    }
  }
  return out;
}

function knownPlugin(name: unknown, field: string, registry: ReadonlyMap<string, Factory>): void {
  if (typeof name !== 'string' || name === '') throw new ConfigError(field, 'Required value');
  if (!registry.has(name)) throw new ConfigError(field, `Invalid value: "${name}": plugin not found`);
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(field, 'must be an object');
  return value as Record<string, unknown>;
}

function strict(obj: Record<string, unknown>, allowed: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) throw new ConfigError(`${prefix}${key}`, 'unknown field');
}

function percentage(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 100) throw new ConfigError(field, `Invalid value: ${JSON.stringify(value)}: not in valid range [0-100]`);
  return value as number;
}

function positiveInt(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) <= 0) throw new ConfigError(field, `Invalid value: ${JSON.stringify(value)}: must be greater than 0`);
  return value as number;
}
