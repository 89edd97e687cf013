// Namespace: new namespaces are Active, carry the `kubernetes` finalizer (removed by the
// namespace controller through namespaces/finalize) and the immutable
// kubernetes.io/metadata.name label naming themselves.

import { GenericStrategy } from '../generic-strategy.js';
import type { ApiObject } from '../strategy.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

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

  override applyDefaults(obj: ApiObject): void {
    const name = obj.metadata.name;
    if (name) obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: name };
  }
}
