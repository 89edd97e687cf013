// The indexes components ask for most: by namespace (listers), by owner uid (controllers
// finding their dependents), by node name (pods bound to a node).

import type { KubeObject } from '../../machinery/meta.js';
import type { IndexFunc } from './store.js';

export const NAMESPACE_INDEX = 'namespace';
export const OWNER_UID_INDEX = 'ownerUID';
export const NODE_NAME_INDEX = 'nodeName';

/** An object's namespace ('' for cluster-scoped objects), as client-go's MetaNamespaceIndexFunc. */
export const namespaceIndexFunc: IndexFunc<KubeObject> = (obj) => [obj.metadata?.namespace ?? ''];

/** The uids of an object's owners. */
export const ownerUidIndexFunc: IndexFunc<KubeObject> = (obj) => (obj.metadata?.ownerReferences ?? []).map((ref) => ref.uid);

/** `spec.nodeName` when set (a bound pod); unbound pods are not indexed. */
export const nodeNameIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const nodeName = (obj as { spec?: { nodeName?: unknown } }).spec?.nodeName;
  return typeof nodeName === 'string' && nodeName !== '' ? [nodeName] : [];
};
