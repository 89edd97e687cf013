// Pod: created Pending with its QoS class; status only through pods/status; ephemeral
// containers only through pods/ephemeralcontainers; container resources and resize
// policies only through pods/resize; deleted gracefully once bound to a node (the node
// removes it after the grace period), at once when unbound or finished.

import { GenericStrategy } from '../generic-strategy.js';
import { resetMetadataForSubresource } from '../reset-metadata.js';
import type { ApiObject, PartialUpdateRules } from '../strategy.js';
import { validatePodEphemeralContainersUpdate } from '../validation/core/pod-ephemeral-containers.js';
import { validatePodResize } from '../validation/core/pod-resize.js';
import { qosClassOf, type PodSpecForQos } from './qos.js';
import { applyAffinityLabelKeys } from './affinity-label-keys.js';

type QosContainer = NonNullable<PodSpecForQos['containers']>[number];

interface Container extends QosContainer {
  name?: string;
  resizePolicy?: unknown;
}

interface PodSpec extends PodSpecForQos {
  nodeName?: string;
  terminationGracePeriodSeconds?: number;
  ephemeralContainers?: unknown[];
  containers?: Container[];
  initContainers?: Container[];
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

/** `base` with the name, resources and resize policy `from` asks for. */
function resized(base: Container, from: Container): Container {
  const out: Container = { ...base, name: from.name, resources: from.resources, resizePolicy: from.resizePolicy };
  if (out.resources === undefined) delete out.resources;
  if (out.resizePolicy === undefined) delete out.resizePolicy;
  return out;
}

/**
 * pods/resize: of the whole pod, only containers' resources and resize policies are taken.
 * Containers are matched by position and keep the requested names, so that a reordered
 * or renamed (or added) container reaches validation, which refuses it.
 */
const RESIZE: PartialUpdateRules = {
  prepareForUpdate(obj, old) {
    const requested = (obj.spec ?? {}) as PodSpec;
    const spec: PodSpec = { ...(old.spec as PodSpec) };
    for (const list of ['containers', 'initContainers'] as const) {
      const previous = spec[list] ?? [];
      const next = requested[list] ?? [];
      if (previous.length === 0 && next.length === 0) continue;
      spec[list] = next.map((c, i) => resized(previous[i] ?? c, c));
    }
    obj.spec = spec;
    obj.status = old.status;
    resetMetadataForSubresource(obj, old);
  },
  validateUpdate: validatePodResize,
};

export class PodStrategy extends GenericStrategy {
  readonly partialUpdates: Readonly<Record<string, PartialUpdateRules>> = { ephemeralcontainers: EPHEMERAL_CONTAINERS, resize: RESIZE };

  override prepareForCreate(obj: ApiObject): void {
    obj.status = { phase: 'Pending', qosClass: qosClassOf((obj.spec ?? {}) as PodSpec) };
    applyAffinityLabelKeys(obj);
  }

  gracePeriodSeconds(obj: ApiObject, requested: number | undefined): number {
    const spec = (obj.spec ?? {}) as PodSpec;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    const grace = requested ?? spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    return Math.max(0, grace);
  }
}
