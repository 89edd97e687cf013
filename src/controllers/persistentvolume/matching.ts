// Which pre-existing volume a claim binds to (upstream's findMatchingVolume, without the
// node-affinity and volume-attributes-class checks kubets does not model): a volume pre-bound
// to the claim wins; otherwise the smallest Available volume of the claim's class that has
// the requested capacity, every requested access mode, the claim's volume mode and labels
// matching its selector. A claim whose binding waits for its first consumer
// (WaitForFirstConsumer) takes only a volume pre-bound to it: which volume fits the pod's
// node is the scheduler's choice, and its VolumeBinding plugin pre-binds that volume.

import { labelSelectorFromObject } from '../../machinery/label-selector.js';
import { parseQuantity, type Quantity } from '../../machinery/quantity.js';
import type { PersistentVolume, PersistentVolumeClaim } from './types.js';

function capacityOf(pv: PersistentVolume): Quantity | undefined {
  const value = pv.spec?.capacity?.storage;
  return value === undefined ? undefined : parseQuantity(value);
}

/** The claim's storage request; zero if unset. */
export function requestOf(claim: PersistentVolumeClaim): Quantity {
  return parseQuantity(claim.spec?.resources?.requests?.storage ?? '0');
}

/** True if the volume's claimRef names this claim (and its uid, when the ref has one). */
export function isPreBoundTo(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (ref === undefined) return false;
  if (ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return ref.uid === undefined || ref.uid === '' || ref.uid === claim.metadata?.uid;
}

function fits(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const capacity = capacityOf(pv);
  if (capacity === undefined || capacity.cmp(requestOf(claim)) < 0) return false;
  const modes = new Set(pv.spec?.accessModes ?? []);
  if (!(claim.spec?.accessModes ?? []).every((m) => modes.has(m))) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return false;
  return (pv.spec?.storageClassName ?? '') === (claim.spec?.storageClassName ?? '');
}

/** The volume the claim should bind to, or undefined; `delayBinding`: only a pre-bound one. */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding = false): PersistentVolume | undefined {
  const selector = labelSelectorFromObject(claim.spec?.selector);
  let best: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (pv.metadata?.deletionTimestamp !== undefined) continue;
    if (isPreBoundTo(pv, claim)) {
      if (fits(pv, claim)) return pv;
      continue;
    }
    // Bound or pre-bound elsewhere, or not yet Available: not ours to take.
    if (delayBinding || pv.spec?.claimRef !== undefined || pv.status?.phase !== 'Available') continue;
    if (claim.spec?.selector !== undefined && !selector.matches(pv.metadata?.labels)) continue;
    if (!fits(pv, claim)) continue;
    const capacity = capacityOf(pv);
    const bestCapacity = best === undefined ? undefined : capacityOf(best);
    if (capacity !== undefined && (bestCapacity === undefined || capacity.cmp(bestCapacity) < 0)) best = pv;
  }
  return best;
}
