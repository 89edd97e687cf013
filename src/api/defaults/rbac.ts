// Defaults of the rbac.authorization.k8s.io group: the API group of role references and
// of subjects. Role and ClusterRole have none.

import { child, defaultZero, items, stringField, type JsonObject } from './json.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** RoleBinding and ClusterRoleBinding. */
export function defaultBinding(binding: JsonObject): void {
  const roleRef = child(binding, 'roleRef');
  if (roleRef !== undefined) defaultZero(roleRef, 'apiGroup', RBAC_GROUP);
  for (const subject of items(binding, 'subjects')) defaultSubject(subject);
}

/** Users and groups are RBAC subjects; service accounts belong to the core group (''). */
function defaultSubject(subject: JsonObject): void {
  const kind = stringField(subject, 'kind');
  if (stringField(subject, 'apiGroup') !== '') return;
  if (kind === 'User' || kind === 'Group') subject.apiGroup = RBAC_GROUP;
  else if (kind === 'ServiceAccount') subject.apiGroup = '';
}
