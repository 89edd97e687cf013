// Turning a profile into a Framework: the default multiPoint plugins, changed by the
// profile's multiPoint and per-point enabled/disabled lists (disabled "*" drops every
// default at that point), each plugin built once with its pluginConfig args.

import { Framework, type ProfilePlugins } from '../framework/framework.js';
import type { AnyPlugin } from '../framework/interfaces.js';
import { DEFAULT_MULTIPOINT, REGISTRY, type Factory, type SchedulerHandle } from '../plugins/registry.js';
import { ConfigError } from './load.js';
import type { ExtensionPoint, PluginRef, Profile } from './types.js';

type Point = Exclude<ExtensionPoint, 'multiPoint'>;

/** The method that makes a plugin part of a point. */
const METHOD: Record<Point, keyof AnyPlugin> = {
  preEnqueue: 'preEnqueue',
  queueSort: 'less',
  preFilter: 'preFilter',
  filter: 'filter',
  postFilter: 'postFilter',
  preScore: 'preScore',
  score: 'score',
  reserve: 'reserve',
  permit: 'permit',
  preBind: 'preBind',
  bind: 'bind',
  postBind: 'postBind',
};

/** `registry`: the in-tree plugins, or those with out-of-tree ones merged in (SchedulerOptions.registry). */
export function buildFramework(profile: Profile, handle: SchedulerHandle, globalPercentage: number | undefined, path = 'profile', registry: ReadonlyMap<string, Factory> = REGISTRY): Framework {
  const instances = new Map<string, AnyPlugin>();
  const instance = (name: string): AnyPlugin => {
    let p = instances.get(name);
    if (p === undefined) {
      const index = profile.pluginConfig?.findIndex((c) => c.name === name) ?? -1;
      const args = profile.pluginConfig?.[index]?.args;
      try {
        p = registry.get(name)!(args, handle);
      } catch (error) {
        // Files are checked when loaded (plugin-args.ts); this catches configurations built in code.
        throw new ConfigError(`${path}.pluginConfig[${index}].args`, (error as Error).message);
      }
      instances.set(name, p);
    }
    return p;
  };
  const lists = new Map<Point, PluginRef[]>();
  const multi = profile.plugins?.multiPoint;
  const dropAllDefaults = multi?.disabled?.some((d) => d.name === '*') ?? false;
  const multiDisabled = new Set(multi?.disabled?.map((d) => d.name));
  const base = [...(dropAllDefaults ? [] : DEFAULT_MULTIPOINT.filter((p) => !multiDisabled.has(p.name))), ...(multi?.enabled ?? [])];
  for (const point of Object.keys(METHOD) as Point[]) {
    const set = profile.plugins?.[point];
    const dropAll = set?.disabled?.some((d) => d.name === '*') ?? false;
    const disabled = new Set(set?.disabled?.map((d) => d.name));
    let list = dropAll ? [] : base.filter((p) => !disabled.has(p.name) && typeof instance(p.name)[METHOD[point]] === 'function');
    for (const ref of set?.enabled ?? []) {
      if (typeof instance(ref.name)[METHOD[point]] !== 'function') throw new ConfigError(`${path}.plugins.${point}.enabled`, `plugin "${ref.name}" does not extend ${point}`);
      list = [...list.filter((p) => p.name !== ref.name), ref];
    }
    lists.set(point, list);
  }
  const get = <T>(point: Point): T[] => (lists.get(point) ?? []).map((ref) => instance(ref.name) as T);
  const queueSort = get<ProfilePlugins['queueSort'] & object>('queueSort');
  if (queueSort.length > 1) throw new ConfigError(`${path}.plugins.queueSort`, 'only one queueSort plugin may be enabled');
  const plugins: ProfilePlugins = {
    preEnqueue: get('preEnqueue'),
    queueSort: queueSort[0],
    preFilter: get('preFilter'),
    filter: get('filter'),
    postFilter: get('postFilter'),
    preScore: get('preScore'),
    score: (lists.get('score') ?? []).map((ref) => ({ plugin: instance(ref.name) as never, weight: ref.weight !== undefined && ref.weight > 0 ? ref.weight : 1 })),
    reserve: get('reserve'),
    permit: get('permit'),
    preBind: get('preBind'),
    bind: get('bind'),
    postBind: get('postBind'),
  };
  return new Framework(profile.schedulerName, plugins, profile.percentageOfNodesToScore ?? globalPercentage, profile.recordVerdicts ?? false);
}
