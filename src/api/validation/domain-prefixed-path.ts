// Upstream's IsDomainPrefixedPath (apimachinery util/validation): `example.com/some/path`,
// the form of controller names such as an IngressClass's controller or a Job's managedBy.

import { invalid, required, type FieldErrorList, type FieldPath } from '../../machinery/field-errors.js';
import { isDNS1123Subdomain, regexError } from '../../machinery/name-validation.js';

/** The path characters upstream allows: RFC 3986's unreserved and sub-delims, '/', ':' and '%'. */
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH = new RegExp(`^${HTTP_PATH_FMT}$`);

/** A DNS subdomain, a '/', and a non-empty HTTP path. */
export function validateDomainPrefixedPath(path: FieldPath, value: string): FieldErrorList {
  if (value === '') return [required(path, '')];
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
  if (!HTTP_PATH.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}
