// Which Available volume a WaitForFirstConsumer claim would bind to on a given node
// (upstream's FindMatchingVolume with a node): a volume pre-bound to the claim wins;
// otherwise the smallest Available, unclaimed volume of the claim's class with enough
// capacity, every requested access mode, the claim's volume mode, labels its selector
// matches and node affinity the node satisfies.

import type { Node } from '../../../client/index.js';
import { labelSelectorFromObject } from '../../../machinery/label-selector.js';
import { parseQuantity, type Quantity } from '../../../machinery/quantity.js';
import { matchesAnyTerm } from '../nodeaffinity/node-selector.js';
import type { PersistentVolume, PersistentVolumeClaim } from './types.js';

/** Whether the volume may be used on `node` (no node affinity: anywhere). */
export function volumeFitsNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return terms === undefined || matchesAnyTerm(terms, node);
}

function preBoundTo(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (ref?.name !== claim.metadata?.name || ref?.namespace !== claim.metadata?.namespace) return false;
  return (ref?.uid ?? '') === '' || ref?.uid === claim.metadata?.uid;
}

function capacity(pv: PersistentVolume): Quantity | undefined {
  const value = pv.spec?.capacity?.storage;
  return value === undefined ? undefined : parseQuantity(value);
}

function satisfies(pv: PersistentVolume, claim: PersistentVolumeClaim, request: Quantity): boolean {
  const size = capacity(pv);
  if (size === undefined || size.cmp(request) < 0) return false;
  const modes = new Set(pv.spec?.accessModes ?? []);
  if (!(claim.spec?.accessModes ?? []).every((m) => modes.has(m))) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return false;
  return (pv.spec?.storageClassName ?? '') === (claim.spec?.storageClassName ?? '');
}

/**
 * The volume `claim` would bind to on `node`, skipping volumes in `taken` (chosen for
 * another claim of this pod, or assumed by a pod being bound).
 */
export function findVolumeForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], node: Node, taken: ReadonlySet<string>): PersistentVolume | undefined {
  const request = parseQuantity(claim.spec?.resources?.requests?.storage ?? '0');
  // No selector: any volume (the object form's nil would select nothing).
  const selector = claim.spec?.selector === undefined ? undefined : labelSelectorFromObject(claim.spec.selector);
  let best: PersistentVolume | undefined;
  for (const pv of volumes) {
    const name = pv.metadata?.name ?? '';
    if (pv.metadata?.deletionTimestamp !== undefined || taken.has(name)) continue;
    if (preBoundTo(pv, claim)) {
      if (satisfies(pv, claim, request) && volumeFitsNode(pv, node)) return pv;
      continue;
    }
    // Volumes not yet Available may still be on their way to another claim.
    if (pv.spec?.claimRef !== undefined || pv.status?.phase !== 'Available') continue;
    if ((selector !== undefined && !selector.matches(pv.metadata?.labels ?? {})) || !satisfies(pv, claim, request) || !volumeFitsNode(pv, node)) continue;
    if (best === undefined || capacity(pv)!.cmp(capacity(best)!) < 0) best = pv;
  }
  return best;
}
