// A pod's quality-of-service class, as upstream computes it from requests and limits of
// its containers and init containers (cpu and memory only): Guaranteed when every
// container limits both and requests equal limits, BestEffort when nothing is requested
// or limited, Burstable otherwise.

import { parseQuantity, type Quantity } from '../../machinery/quantity.js';

type ResourceList = Record<string, string>;

interface Container {
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

export interface PodSpecForQos {
  containers?: Container[];
  initContainers?: Container[];
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

const COMPUTE = ['cpu', 'memory'] as const;

/** A quantity that was validated on the way in; unparsable ones count as unset. */
function quantity(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  try {
    return parseQuantity(text);
  } catch {
    return undefined;
  }
}

export function qosClassOf(spec: PodSpecForQos): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  // Pod-level resources, when set, decide alone.
  const containers = spec.resources ? [{ resources: spec.resources }] : [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const name of COMPUTE) {
      const request = quantity(requests[name]);
      const limit = quantity(limits[name]);
      if ((request && !request.isZero()) || (limit && !limit.isZero())) anySet = true;
      if (!limit || limit.isZero()) guaranteed = false;
      else if (request !== undefined && !request.equals(limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
