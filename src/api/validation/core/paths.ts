// File-system paths inside volumes and mounts: relative, no `..` steps (upstream's
// validateLocalDescendingPath, validatePathNoBacksteps, ValidateLocalNonReservedPath).

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';

/** No `..` element (one error is enough, however many there are). */
export function validatePathNoBacksteps(target: string, path: FieldPath): FieldErrorList {
  // filepath.ToSlash changes nothing on Linux, where upstream runs: only '/' separates.
  const parts = target.split('/');
  return parts.includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** Relative and without `..` elements. */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  return [...errs, ...validatePathNoBacksteps(target, path)];
}

/** Relative, without `..` elements, and not starting with `..` (as `..data`, which the kubelet reserves). */
export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldErrorList {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}
