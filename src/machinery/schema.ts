// Group, version, kind and resource identifiers (upstream's runtime/schema), and the
// string forms upstream prints in messages: `deployments.apps`, `Deployment.apps`,
// `apps/v1`.

/** A resource within an API group; the core group is ''. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/** A kind within an API group; the core group is ''. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

export interface GroupVersionKind extends GroupVersion {
  readonly kind: string;
}

export interface GroupVersionResource extends GroupVersion {
  readonly resource: string;
}

/** `pods`, `deployments.apps`: how upstream names a resource in messages. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

/** `Pod`, `Deployment.apps`: how upstream names a kind in messages. */
export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

/** The `apiVersion` string: `v1` for the core group, else `group/version`. */
export function groupVersionString(gv: GroupVersion): string {
  return gv.group === '' ? gv.version : `${gv.group}/${gv.version}`;
}

/** Thrown when an apiVersion string has more than one '/'. */
export class GroupVersionParseError extends Error {
  constructor(readonly input: string) {
    super(`unexpected GroupVersion string: ${input}`);
    this.name = 'GroupVersionParseError';
  }
}

/**
 * Splits an `apiVersion` as upstream's ParseGroupVersion does: '' is the empty
 * group/version, `v1` is the core group, `apps/v1` a named group.
 */
export function parseGroupVersion(apiVersion: string): GroupVersion {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new GroupVersionParseError(apiVersion);
}
