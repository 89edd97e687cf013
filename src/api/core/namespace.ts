// Namespace: new namespaces are Active and carry the `kubernetes` finalizer (removed by
// the namespace controller through namespaces/finalize). The kubernetes.io/metadata.name
// label comes with the defaults (src/api/defaults/core.ts).

import { GenericStrategy } from '../generic-strategy.js';
import type { ApiObject } from '../strategy.js';

interface NamespaceSpec {
  finalizers?: string[];
}

export class NamespaceStrategy extends GenericStrategy {
  override prepareForCreate(obj: ApiObject): void {
    obj.status = { phase: 'Active' };
    const spec = (obj.spec ?? {}) as NamespaceSpec;
    const finalizers = spec.finalizers ?? [];
    if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
    obj.spec = { ...spec, finalizers };
  }

  override prepareForUpdate(obj: ApiObject, old: ApiObject): void {
    // Spec (the finalizers) changes only through namespaces/finalize; status only through status.
    obj.spec = old.spec;
    obj.status = old.status;
  }
}
