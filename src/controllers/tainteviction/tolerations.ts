// How long a pod may stay on a node with NoExecute taints (upstream's
// GetMatchingTolerations and getMinTolerationTime in the taint-eviction controller).

import { tolerates, type Taint, type Toleration } from '../base/taints.js';

/** 'now': some taint is not tolerated; 'never': tolerated for ever; otherwise milliseconds. */
export type TolerationTime = 'now' | 'never' | number;

/**
 * How long the pod's `tolerations` let it stay under the NoExecute `taints`: each taint
 * uses the first toleration that tolerates it; the shortest tolerationSeconds among those
 * wins (≤ 0 is at once); none set means for ever.
 */
export function tolerationTime(taints: readonly Taint[], tolerations: readonly Toleration[]): TolerationTime {
  if (taints.length === 0) return 'never';
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => tolerates(t, taint));
    if (match === undefined) return 'now';
    used.push(match);
  }
  let min: number | undefined;
  for (const toleration of used) {
    const seconds = toleration.tolerationSeconds;
    if (seconds === undefined || seconds === null) continue;
    if (seconds <= 0) return 0;
    min = min === undefined ? seconds : Math.min(min, seconds);
  }
  return min === undefined ? 'never' : min * 1000;
}
