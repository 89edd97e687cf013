// Namespace (upstream's ValidateNamespace and its update, status and finalize variants).

import { invalid, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isQualifiedName, validateNamespaceName } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { obj, str, strings } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** A finalizer name: qualified, and one of the standard names when unprefixed. */
export function validateFinalizerName(name: string, path: FieldPath): FieldErrorList {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

/** A new Namespace; spec finalizer errors are reported at the list's path, as upstream does on create. */
export function validateNamespace(ns: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(ns, false, validateNamespaceName);
  for (const f of strings(obj(ns, 'spec'), 'finalizers')) errs.push(...validateFinalizerName(f, root('spec', 'finalizers')));
  return errs;
}

/** A Namespace update: only the metadata rules (spec and status change through subresources). */
export function validateNamespaceUpdate(ns: ApiObject, old: ApiObject): FieldErrorList {
  return validateObjectMetaUpdateOf(ns, old);
}

/** A status update: Active while not deleted, Terminating once deleted. */
export function validateNamespaceStatusUpdate(ns: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(ns, old);
  const phase = str(obj(ns, 'status'), 'phase');
  const path = root('status', 'Phase');
  if (!ns.metadata.deletionTimestamp) {
    if (phase !== 'Active') errs.push(invalid(path, phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(invalid(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** An update through namespaces/finalize: valid finalizer names. */
export function validateNamespaceFinalizeUpdate(ns: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(ns, old);
  strings(obj(ns, 'spec'), 'finalizers').forEach((f, i) => errs.push(...validateFinalizerName(f, root('spec', 'finalizers').index(i))));
  return errs;
}
