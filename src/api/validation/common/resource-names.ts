// Resource names (`cpu`, `requests.memory`, `hugepages-2Mi`, `example.com/gpu`) and the
// classes upstream sorts them into (pkg/apis/core/helper), with the checks of containers,
// pods, quotas and limit ranges built on them.

import { invalid, notSupported, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../machinery/name-validation.js';
import { Quantity } from '../../../machinery/quantity.js';

export const HUGE_PAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGE_PAGES_PREFIX = 'requests.hugepages-';
const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_RESOURCES = new Set([...STANDARD_QUOTA_RESOURCES, 'storage']);
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
/** What pod-level `resources` may name, as upstream lists it: cpu, memory and any `hugepages-` size. */
const SUPPORTED_POD_LEVEL_RESOURCES: readonly string[] = ['cpu', 'hugepages-', 'memory'];

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGE_PAGES_PREFIX);
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGE_PAGES_PREFIX) || name.startsWith(REQUESTS_HUGE_PAGES_PREFIX);
}

/** Unprefixed, or under kubernetes.io/. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes(DEFAULT_NAMESPACE_PREFIX);
}

/** A resource of another domain (`example.com/gpu`) that would still be a valid quota name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(REQUESTS_PREFIX + name).length === 0;
}

/** Native and not huge pages: requests may be lower than limits. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

export function isStandardContainerResourceName(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
}

export function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
}

/** Counted in whole units. */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** Whether `q` is a whole number of the page size named by a `hugepages-<size>` resource. */
export function isHugePageValueDivisible(name: string, q: Quantity): boolean {
  let pageSize: Quantity;
  try {
    pageSize = Quantity.parse(name.slice(HUGE_PAGES_PREFIX.length));
  } catch {
    return false;
  }
  if (pageSize.sign() <= 0 || pageSize.scaledBigInt(-3) % 1000n !== 0n) return false;
  return q.scaledBigInt(0) % pageSize.scaledBigInt(0) === 0n;
}

/** A qualified name; unprefixed only when standard (upstream's validateResourceName). */
export function validateResourceName(name: string, path: FieldPath): FieldErrorList {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** A resource a container may request: standard, or an extended resource. */
export function validateContainerResourceName(name: string, path: FieldPath): FieldErrorList {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) return [...errs, invalid(path, name, 'must be a standard resource for containers')];
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [...errs, invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** A resource pod-level `resources` may name. */
export function validatePodResourceName(name: string, path: FieldPath): FieldErrorList {
  const errs = validateResourceName(name, path);
  if (errs.length > 0) return errs;
  const supported = name === 'cpu' || name === 'memory' || isHugePageResourceName(name);
  return supported ? [] : [notSupported(path, name, SUPPORTED_POD_LEVEL_RESOURCES)];
}

/** A resource a ResourceQuota may limit. */
export function validateResourceQuotaResourceName(name: string, path: FieldPath): FieldErrorList {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) return [...errs, invalid(path, name, 'must be a standard resource for quota')];
  return errs;
}
