// Conversion between a served version of a resource and the version it is stored in.
// Most resources are served in one version, which is also the storage version; then
// conversion only fixes apiVersion and kind.

import type { ResourceInfo } from './catalogue.js';
import type { ApiObject } from './strategy.js';
import { coreToEventsV1, eventsV1ToCore } from './conversion/events.js';
import { hpaV1ToV2, hpaV2ToV1 } from './conversion/hpa.js';

type Convert = (obj: ApiObject) => ApiObject;

/** Field-level conversions, by `served apiVersion → stored apiVersion` and kind. */
const CONVERSIONS: Readonly<Record<string, { toStorage: Convert; fromStorage: Convert }>> = {
  'events.k8s.io/v1→v1/Event': { toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 },
  'autoscaling/v1→autoscaling/v2/HorizontalPodAutoscaler': { toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 },
};

export interface Conversion {
  /** Whether served and stored versions differ (a real conversion happens). */
  readonly converts: boolean;
  /** A served-version object (owned by the caller) → the storage version. */
  toStorage(obj: ApiObject): ApiObject;
  /** A storage-version object (shared: never mutated) → the served version. */
  fromStorage(obj: ApiObject): ApiObject;
}

function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

export function conversionFor(served: ResourceInfo, stored: ResourceInfo): Conversion {
  const servedVersion = apiVersionOf(served);
  const storedVersion = apiVersionOf(stored);
  if (servedVersion === storedVersion) {
    return {
      converts: false,
      toStorage: (obj) => obj,
      fromStorage: (obj) => obj,
    };
  }
  const conversion = CONVERSIONS[`${servedVersion}→${storedVersion}/${stored.kind}`];
  if (conversion === undefined) throw new Error(`no conversion from ${servedVersion} to ${storedVersion} ${stored.kind}`);
  return { converts: true, ...conversion };
}
