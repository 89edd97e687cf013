// Pod: created Pending with its QoS class; status only through pods/status; deleted
// gracefully once bound to a node (the node removes it after the grace period), at once
// when unbound or finished.

import { GenericStrategy } from '../generic-strategy.js';
import type { ApiObject } from '../strategy.js';
import { qosClassOf, type PodSpecForQos } from './qos.js';

interface PodSpec extends PodSpecForQos {
  nodeName?: string;
  terminationGracePeriodSeconds?: number;
}

const DEFAULT_GRACE_SECONDS = 30;

export class PodStrategy extends GenericStrategy {
  override prepareForCreate(obj: ApiObject): void {
    obj.status = { phase: 'Pending', qosClass: qosClassOf((obj.spec ?? {}) as PodSpec) };
  }

  gracePeriodSeconds(obj: ApiObject, requested: number | undefined): number {
    const spec = (obj.spec ?? {}) as PodSpec;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    const grace = requested ?? spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    return Math.max(0, grace);
  }
}
