// Pod: created Pending with its QoS class; status only through pods/status; ephemeral
// containers only through pods/ephemeralcontainers; deleted gracefully once bound to a
// node (the node removes it after the grace period), at once when unbound or finished.

import { GenericStrategy } from '../generic-strategy.js';
import { resetMetadataForSubresource } from '../reset-metadata.js';
import type { ApiObject, PartialUpdateRules } from '../strategy.js';
import { validatePodEphemeralContainersUpdate } from '../validation/core/pod-ephemeral-containers.js';
import { qosClassOf, type PodSpecForQos } from './qos.js';

interface PodSpec extends PodSpecForQos {
  nodeName?: string;
  terminationGracePeriodSeconds?: number;
  ephemeralContainers?: unknown[];
}

const DEFAULT_GRACE_SECONDS = 30;

/** pods/ephemeralcontainers: of the whole pod, only spec.ephemeralContainers is taken. */
const EPHEMERAL_CONTAINERS: PartialUpdateRules = {
  prepareForUpdate(obj, old) {
    const ephemeral = (obj.spec as PodSpec | undefined)?.ephemeralContainers;
    const spec: PodSpec = { ...(old.spec as PodSpec) };
    if (ephemeral === undefined) delete spec.ephemeralContainers;
    else spec.ephemeralContainers = ephemeral;
    obj.spec = spec;
    obj.status = old.status;
    resetMetadataForSubresource(obj, old);
  },
  validateUpdate: validatePodEphemeralContainersUpdate,
};

export class PodStrategy extends GenericStrategy {
  readonly partialUpdates: Readonly<Record<string, PartialUpdateRules>> = { ephemeralcontainers: EPHEMERAL_CONTAINERS };

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
