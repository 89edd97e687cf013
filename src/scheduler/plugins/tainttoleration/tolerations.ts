// Untolerated taints of a node; the matching rule itself is shared (src/api/scheduling).

import { toleratesTaint, type Taint, type Toleration } from '../../../api/scheduling/tolerations.js';

export { toleratesTaint };

/** The first taint of `taints` (with an effect `effects` selects) no toleration matches. */
export function firstUntolerated(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint)));
}
