// Taints and tolerations (core/v1), and whether a toleration tolerates a taint (upstream's
// Toleration.ToleratesTaint): the scheduler, the DaemonSet controller and the taint
// eviction controller all decide with this one rule.

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  /** metav1.Time; set on NoExecute taints by whoever adds them. */
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** An empty effect or key matches every one; Exists matches any value, Equal (the default) the same value. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}
