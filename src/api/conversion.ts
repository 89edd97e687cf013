// Conversion between a served version of a resource and the version it is stored in.
// Most resources are served in one version, which is also the storage version; then
// conversion only fixes apiVersion and kind.

import type { ResourceInfo } from './catalogue.js';
import type { ApiObject } from './strategy.js';

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
  // Field-level conversions between versions come with the kinds that need them; until
  // then the object keeps its fields and only its version changes.
  return {
    converts: true,
    toStorage: (obj) => ({ ...obj, apiVersion: storedVersion, kind: stored.kind }),
    fromStorage: (obj) => ({ ...obj, apiVersion: servedVersion, kind: served.kind }),
  };
}
