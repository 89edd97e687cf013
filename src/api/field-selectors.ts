// The fields each kind can be selected by in `fieldSelector`, beyond metadata.name and
// metadata.namespace, as upstream's per-kind field label conversions allow.

import type { ApiObject, FieldGetter } from './strategy.js';

/** Reads a dotted path of plain members; booleans and numbers as upstream prints them. */
function path(dotted: string): FieldGetter {
  const parts = dotted.split('.');
  return (obj: ApiObject) => {
    let value: unknown = obj;
    for (const part of parts) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : String(value);
  };
}

function fields(...names: string[]): Record<string, FieldGetter> {
  return Object.fromEntries(names.map((name) => [name, path(name)]));
}

const BY_RESOURCE: Readonly<Record<string, Record<string, FieldGetter>>> = {
  '/pods': {
    ...fields('spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'),
    'spec.hostNetwork': (obj) => String((obj.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork ?? false),
    'status.podIPs': (obj) => ((obj.status as { podIPs?: { ip: string }[] } | undefined)?.podIPs ?? []).map((p) => p.ip).join(','),
  },
  '/events': fields(
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ),
  '/nodes': { 'spec.unschedulable': (obj) => String((obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false) },
  '/namespaces': fields('status.phase'),
  '/secrets': fields('type'),
  '/services': fields('spec.clusterIP', 'spec.type'),
  '/replicationcontrollers': fields('status.replicas'),
  '/persistentvolumeclaims': fields('spec.volumeName'),
  'apps/replicasets': fields('status.replicas'),
  'batch/jobs': fields('status.successful'),
  'certificates.k8s.io/certificatesigningrequests': fields('spec.signerName'),
};

/** The extra field selectors of `group/resource` (an empty record for none). */
export function fieldSelectorsOf(group: string, resource: string): Readonly<Record<string, FieldGetter>> {
  return BY_RESOURCE[`${group}/${resource}`] ?? {};
}
