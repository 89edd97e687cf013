// Node (upstream's ValidateNode and ValidateNodeUpdate): taints, resource quantities in
// status, pod CIDRs (set once), provider ID (set once), the deprecated config source.

import { duplicate, forbidden, internalError, invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isConfigMapKey, nameIsDNSSubdomain, validateNamespaceName } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { asObject, obj, objects, objOrEmpty, str, stringMap, strings, type Json } from '../common/json.js';
import { isDualStackCIDRs, parseCIDR, validateCIDR } from '../common/ip.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { resourceList, validateResourceQuantityValue } from '../common/quantity.js';
import { nodeAddressValue } from './internal-values.js';
import { validateNodeTaints } from './scheduling.js';

const TAINTS_ANNOTATION = 'scheduler.alpha.kubernetes.io/taints';
const AVOID_PODS_ANNOTATION = 'scheduler.alpha.kubernetes.io/preferAvoidPods';
const METADATA = root('metadata');

function parseAnnotation(value: string, path: FieldPath, key: string): [unknown, FieldErrorList] {
  try {
    return [JSON.parse(value) as unknown, []];
  } catch (e) {
    return [undefined, [invalid(path, key, (e as Error).message)]];
  }
}

function validateNodeAnnotations(annotations: Record<string, string>, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const taints = annotations[TAINTS_ANNOTATION] ?? '';
  if (taints !== '') {
    const [parsed, parseErrs] = parseAnnotation(taints, path, TAINTS_ANNOTATION);
    errs.push(...parseErrs);
    const list = Array.isArray(parsed) ? parsed.map((t) => asObject(t) ?? {}) : [];
    if (list.length > 0) errs.push(...validateNodeTaints(list, path.child(TAINTS_ANNOTATION)));
  }
  const avoid = annotations[AVOID_PODS_ANNOTATION] ?? '';
  if (avoid !== '') {
    const [parsed, parseErrs] = parseAnnotation(avoid, path.child('AvoidPods'), AVOID_PODS_ANNOTATION);
    errs.push(...parseErrs);
    objects(asObject(parsed), 'preferAvoidPods').forEach((entry, i) => {
      const idx = path.child(AVOID_PODS_ANNOTATION).index(i);
      const controller = obj(obj(entry, 'podSignature'), 'podController');
      if (controller === undefined) errs.push(required(idx.child('PodSignature')));
      else if (controller.controller !== true) {
        errs.push(invalid(idx.child('PodSignature', 'PodController', 'Controller'), false, 'must point to a controller'));
      }
    });
  }
  return errs;
}

/** Capacity and allocatable: non-negative, whole for countable resources. Paths use `.name`, as upstream's. */
function validateNodeResources(node: ApiObject): FieldErrorList {
  const status = objOrEmpty(node, 'status');
  return ['capacity', 'allocatable'].flatMap((section) =>
    resourceList(status[section]).flatMap(([name, q]) => validateResourceQuantityValue(name, q, root('status', section, name))),
  );
}

function validatePodCIDRs(spec: Json): FieldErrorList {
  const cidrs = strings(spec, 'podCIDRs');
  if (cidrs.length === 0) return [];
  const path = root('spec', 'podCIDRs');
  const errs = cidrs.flatMap((c, i) => validateCIDR(path.index(i), c));
  if (cidrs.length > 1) {
    const unparsable = cidrs.find((c) => parseCIDR(c) === undefined);
    if (unparsable !== undefined) {
      errs.push(internalError(path, `invalid PodCIDRs. failed to check with dual stack with error:invalid CIDR address: ${unparsable}`));
    }
    if (!isDualStackCIDRs(cidrs) || cidrs.length > 2) errs.push(invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(path.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

/** A new Node. */
export function validateNode(node: ApiObject): FieldErrorList {
  const spec = objOrEmpty(node, 'spec');
  const errs = [
    ...validateObjectMetaOf(node, false, nameIsDNSSubdomain),
    ...validateNodeAnnotations(stringMap(node.metadata, 'annotations'), METADATA.child('annotations')),
  ];
  // Upstream reports taint errors under metadata.taints.
  const taints = objects(spec, 'taints');
  if (taints.length > 0) errs.push(...validateNodeTaints(taints, METADATA.child('taints')));
  return [...errs, ...validateNodeResources(node), ...validatePodCIDRs(spec)];
}

function configMapSource(source: Json, path: FieldPath, inStatus: boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  if (inStatus) {
    if (str(source, 'uid') === '') errs.push(required(path.child('uid'), 'uid must be set in status'));
    if (str(source, 'resourceVersion') === '') errs.push(required(path.child('resourceVersion'), 'resourceVersion must be set in status'));
  } else {
    if (str(source, 'uid') !== '') errs.push(forbidden(path.child('uid'), 'uid must not be set in spec'));
    if (str(source, 'resourceVersion') !== '') errs.push(forbidden(path.child('resourceVersion'), 'resourceVersion must not be set in spec'));
  }
  const ns = str(source, 'namespace');
  if (ns === '') errs.push(required(path.child('namespace'), 'namespace must be set'));
  else errs.push(...validateNamespaceName(ns, false).map((m) => invalid(path.child('namespace'), ns, m)));
  const name = str(source, 'name');
  if (name === '') errs.push(required(path.child('name'), 'name must be set'));
  else errs.push(...nameIsDNSSubdomain(name, false).map((m) => invalid(path.child('name'), name, m)));
  const key = str(source, 'kubeletConfigKey');
  if (key === '') errs.push(required(path.child('kubeletConfigKey'), 'kubeletConfigKey must be set'));
  else errs.push(...isConfigMapKey(key).map((m) => invalid(path.child('kubeletConfigKey'), key, m)));
  return errs;
}

function configSource(source: Json, path: FieldPath, inStatus: boolean): FieldErrorList {
  const cm = obj(source, 'configMap');
  const errs = cm !== undefined ? configMapSource(cm, path.child('configMap'), inStatus) : [];
  if (cm === undefined) errs.push(invalid(path, source, 'exactly one reference subfield must be non-nil'));
  return errs;
}

function cidrAndProviderUpdates(spec: Json, oldSpec: Json): FieldErrorList {
  const errs: FieldErrorList = [];
  const oldCIDRs = strings(oldSpec, 'podCIDRs');
  const cidrs = strings(spec, 'podCIDRs');
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length) errs.push(forbidden(root('spec', 'podCIDRs'), cidrMsg));
    else {
      oldCIDRs.forEach((c, i) => {
        if (c !== cidrs[i]) errs.push(forbidden(root('spec', 'podCIDRs'), cidrMsg));
      });
    }
  }
  const oldProvider = str(oldSpec, 'providerID');
  if (oldProvider !== '' && oldProvider !== str(spec, 'providerID')) {
    errs.push(forbidden(root('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}

/** A Node update (also its status updates). */
export function validateNodeUpdate(node: ApiObject, old: ApiObject): FieldErrorList {
  const spec = objOrEmpty(node, 'spec');
  const oldSpec = objOrEmpty(old, 'spec');
  const errs = [
    ...validateObjectMetaUpdateOf(node, old),
    ...validateNodeAnnotations(stringMap(node.metadata, 'annotations'), METADATA.child('annotations')),
    ...validateNodeResources(node),
  ];
  const seen = new Set<string>();
  objects(obj(node, 'status'), 'addresses').forEach((a, i) => {
    const key = `${str(a, 'type')}\u0000${str(a, 'address')}`;
    if (seen.has(key)) errs.push(duplicate(root('status', 'addresses').index(i), nodeAddressValue(a)));
    seen.add(key);
  });
  errs.push(...cidrAndProviderUpdates(spec, oldSpec));
  const source = obj(spec, 'configSource');
  if (source !== undefined) errs.push(...configSource(source, root('spec', 'configSource'), false));
  const config = obj(obj(node, 'status'), 'config');
  for (const key of ['assigned', 'active', 'lastKnownGood']) {
    const s = obj(config, key);
    if (s !== undefined) errs.push(...configSource(s, root('status', 'config', key), true));
  }
  const taints = objects(spec, 'taints');
  if (taints.length > 0) errs.push(...validateNodeTaints(taints, METADATA.child('taints')));
  if (str(spec, 'externalID') !== str(oldSpec, 'externalID')) errs.push(forbidden(root('spec', 'externalID'), 'may not be updated'));
  return errs;
}
