// The rules of a webhook: operations on resources of API groups and versions, with
// upstream's rules for wildcards and subresources (`*`, `pods/*`, `*/status`).

import { invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { optStr, strings, type Json } from '../common/json.js';

/** Sorted as upstream lists them. */
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];

/** `*` must stand alone in a list. */
function validateWildcardAlone(values: string[], path: FieldPath, what: string): FieldErrorList {
  return values.length > 1 && values.includes('*') ? [invalid(path, values, `if '*' is present, must not specify other ${what}`)] : [];
}

/** Resources, optionally with subresources, without overlapping wildcards. */
function validateResources(resources: string[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = resources.length === 0 ? [required(path, '')] : [];
  const withWildcardSubresource = new Set<string>();
  const withWildcardResource = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSubresource = false;
  resources.forEach((entry, i) => {
    if (entry === '') {
      errs.push(required(path.index(i), ''));
      return;
    }
    if (entry === '*/*') doubleWildcard = true;
    if (entry === '*') singleWildcard = true;
    const slash = entry.indexOf('/');
    if (slash < 0) {
      // Upstream keeps only the last plain entry's verdict.
      withoutSubresource = entry !== '*';
      return;
    }
    const [resource, sub] = [entry.slice(0, slash), entry.slice(slash + 1)];
    if (withWildcardSubresource.has(resource)) errs.push(invalid(path.index(i), entry, `if '${resource}/*' is present, must not specify ${entry}`));
    if (withWildcardResource.has(sub)) errs.push(invalid(path.index(i), entry, `if '*/${sub}' is present, must not specify ${entry}`));
    if (sub === '*') withWildcardSubresource.add(resource);
    if (resource === '*') withWildcardResource.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) errs.push(invalid(path, resources, "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSubresource) {
    errs.push(invalid(path, resources, "if '*' is present, must not specify other resources without subresources"));
  }
  return errs;
}

function validateRule(rule: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const groups = strings(rule, 'apiGroups');
  if (groups.length === 0) errs.push(required(path.child('apiGroups'), ''));
  errs.push(...validateWildcardAlone(groups, path.child('apiGroups'), 'API groups'));
  const versions = strings(rule, 'apiVersions');
  if (versions.length === 0) errs.push(required(path.child('apiVersions'), ''));
  errs.push(...validateWildcardAlone(versions, path.child('apiVersions'), 'API versions'));
  versions.forEach((v, i) => {
    if (v === '') errs.push(required(path.child('apiVersions').index(i), ''));
  });
  errs.push(...validateResources(strings(rule, 'resources'), path.child('resources')));
  const scope = optStr(rule, 'scope');
  if (scope !== undefined && !SCOPES.includes(scope)) errs.push(notSupported(path.child('scope'), scope, SCOPES));
  return errs;
}

/** A rule with operations (upstream's validateRuleWithOperations). */
export function validateRuleWithOperations(rule: Json, path: FieldPath): FieldErrorList {
  const operations = strings(rule, 'operations');
  const errs: FieldErrorList = operations.length === 0 ? [required(path.child('operations'), '')] : [];
  errs.push(...validateWildcardAlone(operations, path.child('operations'), 'operations'));
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.push(notSupported(path.child('operations').index(i), op, OPERATIONS));
  });
  return [...errs, ...validateRule(rule, path)];
}
