// Default spread constraints (upstream's PodTopologySpreadArgs, buildDefaultConstraints and
// DefaultSelector): a pod without constraints of its own gets the profile's defaults —
// upstream's System set (zone maxSkew 5, hostname maxSkew 3, both ScheduleAnyway) or the
// `defaultConstraints` list — selecting the pods its Services and its controlling
// ReplicationController, ReplicaSet or StatefulSet select. A pod none of those select gets
// no constraints.

import type { Lister, Pod } from '../../../client/index.js';
import type { LabelSelectorObject } from '../../../machinery/label-selector.js';
import { labelSelectorFromObject } from '../../../machinery/label-selector.js';
import type { KubeObject } from '../../../machinery/meta.js';
import type { GroupVersionResource } from '../../../machinery/schema.js';
import { podSpec, type TopologySpreadConstraint } from '../../framework/types.js';

export const SERVICES: GroupVersionResource = { group: '', version: 'v1', resource: 'services' };
export const REPLICATION_CONTROLLERS: GroupVersionResource = { group: '', version: 'v1', resource: 'replicationcontrollers' };
export const REPLICA_SETS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'replicasets' };
export const STATEFUL_SETS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'statefulsets' };

export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
  { topologyKey: 'kubernetes.io/hostname', maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
];

/** Objects whose selector decides which pods a default constraint counts. */
export interface SelectorSources {
  readonly services: Lister<KubeObject & { spec?: { selector?: Record<string, string> } }>;
  readonly replicationControllers: Lister<KubeObject & { spec?: { selector?: Record<string, string> } }>;
  readonly replicaSets: Lister<KubeObject & { spec?: { selector?: LabelSelectorObject } }>;
  readonly statefulSets: Lister<KubeObject & { spec?: { selector?: LabelSelectorObject } }>;
}

/** What the plugin needs to know about defaults. */
export interface SpreadDefaults {
  /** The pod's own constraints, or its defaults (with selectors), or none. */
  constraintsFor(pod: Pod): readonly TopologySpreadConstraint[];
  /** System defaulting: nodes lacking some topology key still count for the others when scoring. */
  readonly systemDefaulted: boolean;
}

export const NO_DEFAULTS: SpreadDefaults = { constraintsFor: (pod) => podSpec(pod).topologySpreadConstraints ?? [], systemDefaulted: false };

/**
 * The selector for a pod's default constraints: the Services selecting it, then its
 * controller's selector (they all select the pod, so merging cannot conflict); undefined
 * when nothing selects it.
 */
export function defaultSelector(pod: Pod, sources: SelectorSources): LabelSelectorObject | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  const labels = pod.metadata?.labels ?? {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelectorObject['matchExpressions']> = [];
  for (const svc of sources.services.namespace(namespace).list()) {
    const selector = svc.spec?.selector;
    if (selector === undefined || !Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
    Object.assign(matchLabels, selector);
  }
  const owner = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  const group = owner?.apiVersion.includes('/') === true ? owner.apiVersion.split('/')[0] : '';
  if (owner?.kind === 'ReplicationController' && group === '') {
    Object.assign(matchLabels, sources.replicationControllers.namespace(namespace).get(owner.name)?.spec?.selector ?? {});
  } else if ((owner?.kind === 'ReplicaSet' || owner?.kind === 'StatefulSet') && group === 'apps') {
    const lister = owner.kind === 'ReplicaSet' ? sources.replicaSets : sources.statefulSets;
    const selector = lister.namespace(namespace).get(owner.name)?.spec?.selector;
    // Only a selector that parses is merged, as upstream.
    if (selector !== undefined && parses(selector)) {
      Object.assign(matchLabels, selector.matchLabels ?? {});
      matchExpressions.push(...(selector.matchExpressions ?? []));
    }
  }
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) return undefined;
  return matchExpressions.length === 0 ? { matchLabels } : { matchLabels, matchExpressions };
}

function parses(selector: LabelSelectorObject): boolean {
  try {
    labelSelectorFromObject(selector);
    return true;
  } catch {
    return false;
  }
}

/** Defaults from the plugin's args: `constraints` for pods without their own. */
export function spreadDefaults(constraints: readonly TopologySpreadConstraint[], systemDefaulted: boolean, sources: SelectorSources): SpreadDefaults {
  if (constraints.length === 0) return NO_DEFAULTS;
  return {
    systemDefaulted,
    constraintsFor(pod) {
      const own = podSpec(pod).topologySpreadConstraints ?? [];
      if (own.length > 0) return own;
      const labelSelector = defaultSelector(pod, sources);
      if (labelSelector === undefined) return [];
      return constraints.map((c) => ({ ...c, labelSelector }));
    },
  };
}
