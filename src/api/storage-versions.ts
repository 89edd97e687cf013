// Where each served resource is stored. Most are stored as served; upstream keeps
// HorizontalPodAutoscalers as autoscaling/v2 (also when served as v1) and events.k8s.io
// Events as core Events. Resources that cannot be watched (bindings, reviews, component
// statuses) have no storage of their own: requests to them are answered, not kept.

import { findResource, type ResourceInfo } from './catalogue.js';

const STORED_ELSEWHERE: Readonly<Record<string, { group: string; version: string; resource: string }>> = {
  'autoscaling/v1/horizontalpodautoscalers': { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' },
  'events.k8s.io/v1/events': { group: '', version: 'v1', resource: 'events' },
};

/** The resource (in its storage version) that holds `info`'s objects, or undefined when none does. */
export function storageOf(info: ResourceInfo): ResourceInfo | undefined {
  if (!info.verbs.includes('watch')) return undefined;
  const target = STORED_ELSEWHERE[`${info.group}/${info.version}/${info.resource}`];
  if (target === undefined) return info;
  const stored = findResource(target.group, target.version, target.resource);
  if (stored === undefined) throw new Error(`the catalogue has no ${target.group}/${target.version} ${target.resource}`);
  return stored;
}
