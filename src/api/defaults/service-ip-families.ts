// The IP family fields of a Service (spec.ipFamilyPolicy, spec.ipFamilies), which upstream
// sets in the service registry just before it allocates cluster IPs, not in defaulting:
// they depend on the cluster's configured families and, on update, on the old object.
// This is the defaulting half of upstream's initIPFamilyFields; its checks (a family the
// cluster lacks, dual-stack on a single-stack cluster, …) belong to the caller's
// validation, which runs next.

import { isObject, isUnset, stringField, type JsonObject } from './json.js';

export type IPFamily = 'IPv4' | 'IPv6';

/**
 * Fills ipFamilyPolicy and ipFamilies of `service` in place. `old` is the stored object
 * on update (undefined on create); `clusterFamilies` are the families the cluster serves
 * (from --service-cluster-ip-range), the primary first.
 */
export function initServiceIPFamilies(service: JsonObject, old: JsonObject | undefined, clusterFamilies: readonly IPFamily[]): void {
  const spec = isObject(service.spec) ? service.spec : undefined;
  const primary = clusterFamilies[0];
  if (spec === undefined || primary === undefined || stringField(spec, 'type') === 'ExternalName') return;
  if (!isUnset(spec.ipFamilies) && !isStringList(spec.ipFamilies)) return; // validation reports it
  const headlessSelectorless = stringField(spec, 'clusterIP') === 'None' && !hasSelector(spec);
  if (isUnset(spec.ipFamilyPolicy)) {
    const oldPolicy = isObject(old?.spec) ? old.spec.ipFamilyPolicy : undefined;
    if (!isUnset(oldPolicy)) spec.ipFamilyPolicy = oldPolicy;
    else spec.ipFamilyPolicy = headlessSelectorless ? 'RequireDualStack' : 'SingleStack';
  }
  const families = stringList(spec.ipFamilies);
  inferFamiliesFromClusterIPs(spec, families, clusterFamilies);
  if (families.length === 0) families.push(primary);
  const wantsDual = spec.ipFamilyPolicy !== 'SingleStack';
  // Headless selectorless services may name both families even on a single-stack cluster.
  const canAddSecond = headlessSelectorless || clusterFamilies.length === 2;
  if (wantsDual && families.length === 1 && canAddSecond) families.push(otherFamily(families[0] as IPFamily));
  spec.ipFamilies = families;
}

/** A cluster IP without a family entry implies its family, when the cluster serves it. */
function inferFamiliesFromClusterIPs(spec: JsonObject, families: string[], clusterFamilies: readonly IPFamily[]): void {
  const clusterIPs = stringList(spec.clusterIPs);
  for (let i = families.length; i < clusterIPs.length; i++) {
    const ip = clusterIPs[i] ?? '';
    if (ip === 'None') break;
    const family = familyOf(ip);
    if (!clusterFamilies.includes(family)) break; // validation reports it
    families.push(family);
  }
}

function familyOf(ip: string): IPFamily {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

function otherFamily(family: IPFamily): IPFamily {
  return family === 'IPv4' ? 'IPv6' : 'IPv4';
}

function hasSelector(spec: JsonObject): boolean {
  return isObject(spec.selector) && Object.keys(spec.selector).length > 0;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A copy of a list of strings; [] for anything else. */
function stringList(value: unknown): string[] {
  return isStringList(value) ? [...value] : [];
}
