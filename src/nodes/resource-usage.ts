// What a simulated container uses, for the kubelet's resource metrics: a CPU rate and a
// memory working set. Pods choose them with annotations; without one a container uses
// half of what it requests (or of its limit when it requests nothing):
//
//   kubets.io/cpu-usage: 250m                  every container of the pod
//   kubets.io/memory-usage: app=1Gi,64Mi       container app 1Gi, the others 64Mi
//
// A value is a Kubernetes quantity; `name=quantity` items set one container; an item
// without a name sets the containers not named. Items that do not parse are ignored.

import type { Container, Pod } from '../client/index.js';
import { parseQuantity } from '../machinery/quantity.js';

export const CPU_USAGE_ANNOTATION = 'kubets.io/cpu-usage';
export const MEMORY_USAGE_ANNOTATION = 'kubets.io/memory-usage';

/** Without an annotation a container uses this fraction of its request, else of its limit… */
export const DEFAULT_USAGE_FRACTION = 0.5;
/** …and, when it neither requests nor limits the resource, this much. */
export const DEFAULT_CPU_MILLIS = 10;
export const DEFAULT_MEMORY_BYTES = 16 * 2 ** 20;

/** One running container's usage. */
export interface ContainerUsage {
  /** CPU in use, in thousandths of a core. */
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

type Resource = 'cpu' | 'memory';

/** What `container` of `pod` uses, by the annotations or the default. */
export function containerUsage(pod: Pod, container: Container): ContainerUsage {
  const annotations = pod.metadata?.annotations ?? {};
  return {
    cpuMillis: annotated(annotations[CPU_USAGE_ANNOTATION], container.name, 'cpu') ?? fallback(container, 'cpu'),
    memoryBytes: annotated(annotations[MEMORY_USAGE_ANNOTATION], container.name, 'memory') ?? fallback(container, 'memory'),
  };
}

/** The annotation's value for this container (millicores or bytes), if it gives one. */
function annotated(value: string | undefined, containerName: string, resource: Resource): number | undefined {
  if (value === undefined) return undefined;
  let forAll: number | undefined;
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? undefined : item.slice(0, eq).trim();
    const amount = amountOf(eq < 0 ? item : item.slice(eq + 1), resource);
    if (amount === undefined) continue;
    if (name === containerName) return amount;
    if (name === undefined) forAll = amount;
  }
  return forAll;
}

function fallback(container: Container, resource: Resource): number {
  const { resources } = container;
  const declared = amountOf(resources?.requests?.[resource], resource) ?? amountOf(resources?.limits?.[resource], resource);
  if (declared !== undefined) return Math.round(declared * DEFAULT_USAGE_FRACTION);
  return resource === 'cpu' ? DEFAULT_CPU_MILLIS : DEFAULT_MEMORY_BYTES;
}

function amountOf(text: string | undefined, resource: Resource): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const quantity = parseQuantity(text.trim());
    if (quantity.sign() < 0) return undefined;
    return resource === 'cpu' ? quantity.milliValue() : quantity.value();
  } catch {
    return undefined;
  }
}
