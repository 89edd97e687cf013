// coordination.k8s.io/v1 Lease, as leader election and node heartbeats use it.

import type { KubeObject } from '../../machinery/meta.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** metav1.MicroTime */
  acquireTime?: string;
  /** metav1.MicroTime */
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}
