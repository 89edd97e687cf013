// Zones and their health (upstream's node_lifecycle_controller ComputeZoneState and
// setLimiterInZone): how many of a zone's nodes are not Ready decides how fast the
// controller may taint (and so evict) them, so that a network partition or a zone outage
// does not empty the cluster.

import type { Node } from '../../client/index.js';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

export interface EvictionRates {
  /** Nodes per second tainted NoExecute in a healthy zone (--node-eviction-rate, 0.1). */
  readonly evictionRate: number;
  /** …in a partially disrupted large zone (--secondary-node-eviction-rate, 0.01). */
  readonly secondaryEvictionRate: number;
  /** Fraction of not-Ready nodes (at least 3) making a zone PartialDisruption (--unhealthy-zone-threshold, 0.55). */
  readonly unhealthyZoneThreshold: number;
  /** Above this many nodes a partially disrupted zone keeps the secondary rate; smaller ones stop (--large-cluster-size-threshold, 50). */
  readonly largeClusterSizeThreshold: number;
}

export const DEFAULT_EVICTION_RATES: EvictionRates = { evictionRate: 0.1, secondaryEvictionRate: 0.01, unhealthyZoneThreshold: 0.55, largeClusterSizeThreshold: 50 };

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const REGION_LABEL = 'topology.kubernetes.io/region';
const LEGACY_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';
const LEGACY_REGION_LABEL = 'failure-domain.beta.kubernetes.io/region';

/** The zone key of a node: region and zone ('' when unlabelled), as upstream's GetZoneKey. */
export function zoneOf(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels[REGION_LABEL] ?? labels[LEGACY_REGION_LABEL] ?? '';
  const zone = labels[ZONE_LABEL] ?? labels[LEGACY_ZONE_LABEL] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/**
 * The state of a zone from its nodes' Ready statuses ('True', 'False', 'Unknown' or
 * undefined when missing): no Ready node and some not Ready is FullDisruption; more than
 * two not Ready making at least the threshold fraction is PartialDisruption.
 */
export function computeZoneState(readyStatuses: readonly (string | undefined)[], threshold: number): ZoneState {
  const ready = readyStatuses.filter((s) => s === 'True').length;
  const notReady = readyStatuses.length - ready;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / readyStatuses.length >= threshold) return 'PartialDisruption';
  return 'Normal';
}

/** The NoExecute tainting rate (nodes per second) of a zone in `state` with `zoneSize` nodes. */
export function zoneEvictionRate(state: ZoneState, zoneSize: number, rates: EvictionRates): number {
  switch (state) {
    case 'PartialDisruption':
      return zoneSize > rates.largeClusterSizeThreshold ? rates.secondaryEvictionRate : 0;
    case 'Normal':
    case 'FullDisruption':
      return rates.evictionRate;
  }
}
