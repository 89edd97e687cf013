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

  /** namespaces/finalize changes spec.finalizers only. */
  prepareForFinalizeUpdate(obj: ApiObject, old: ApiObject): void {
    const finalizers = ((obj.spec ?? {}) as NamespaceSpec).finalizers;
    this.prepareForStatusUpdate(obj, old);
    obj.status = old.status;
    const spec: NamespaceSpec = { ...((old.spec ?? {}) as NamespaceSpec) };
    if (finalizers && finalizers.length > 0) spec.finalizers = finalizers;
    else delete spec.finalizers;
    obj.spec = spec;
  }

  /** The namespace controller empties a namespace, then removes `kubernetes` from spec.finalizers. */
  retainedOnDelete(obj: ApiObject): boolean {
    return (((obj.spec ?? {}) as NamespaceSpec).finalizers ?? []).length > 0;
  }

  markDeleting(obj: ApiObject): void {
    obj.status = { ...((obj.status ?? {}) as object), phase: 'Terminating' };
  }
}
