// Where a webhook is reached: a URL or an in-cluster Service, exactly one (upstream's
// ValidateWebhookURL and ValidateWebhookService from apiserver's util/webhook). URLs are
// split the way Go's net/url does for the parts validation looks at.

import { invalid, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goQuote } from '../../../machinery/go-format.js';
import { isDNS1123Subdomain, isValidPortNum } from '../../../machinery/name-validation.js';
import { num, obj, optStr, str, type Json } from '../common/json.js';

const FORM = '; desired format: https://host[/path]';

/** The parts of a URL that validation checks, as Go's url.Parse splits them; or Go's parse error. */
interface UrlParts {
  readonly scheme: string;
  readonly host: string;
  readonly user: string | undefined;
  readonly fragment: string;
  readonly query: string;
}

function splitUrl(raw: string): UrlParts | { error: string } {
  const quoted = goQuote(raw);
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return { error: `parse ${quoted}: net/url: invalid control character in URL` };
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(':')) return { error: `parse ${quoted}: missing protocol scheme` };
  if (schemeMatch !== null) [scheme, rest] = [(schemeMatch[1] ?? '').toLowerCase(), rest.slice(schemeMatch[0].length)];
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) [rest, query] = [rest.slice(0, question), rest.slice(question + 1)];
  if (!rest.startsWith('//')) return { scheme, host: '', user: undefined, fragment, query };
  const authority = rest.slice(2).split('/')[0] ?? '';
  const at = authority.lastIndexOf('@');
  return {
    scheme,
    host: at >= 0 ? authority.slice(at + 1) : authority,
    user: at >= 0 ? authority.slice(0, at) : undefined,
    fragment,
    query,
  };
}

/** An https URL with a host and no user, fragment or query. */
function validateWebhookURL(path: FieldPath, url: string): FieldErrorList {
  const parts = splitUrl(url);
  if ('error' in parts) return [required(path, `url must be a valid URL: ${parts.error}${FORM}`)];
  const errs: FieldErrorList = [];
  if (parts.scheme !== 'https') errs.push(invalid(path, parts.scheme, `'https' is the only allowed URL scheme${FORM}`));
  if (parts.host === '') errs.push(invalid(path, parts.host, `host must be specified${FORM}`));
  if (parts.user !== undefined) errs.push(invalid(path, parts.user, 'user information is not permitted in the URL'));
  if (parts.fragment !== '') errs.push(invalid(path, parts.fragment, 'fragments are not permitted in the URL'));
  if (parts.query !== '') errs.push(invalid(path, parts.query, 'query parameters are not permitted in the URL'));
  return errs;
}

function validateServicePath(urlPath: string, path: FieldPath): FieldErrorList {
  if (urlPath === '/' || urlPath === '') return [];
  if (urlPath === '//') return [invalid(path, urlPath, 'segment[0] may not be empty')];
  const errs: FieldErrorList = [];
  if (!urlPath.startsWith('/')) errs.push(invalid(path, urlPath, "must start with a '/'"));
  let steps = urlPath.slice(1);
  if (steps.endsWith('/')) steps = steps.slice(0, -1);
  steps.split('/').forEach((step, i) => {
    if (step === '') {
      errs.push(invalid(path, urlPath, `segment[${i}] may not be empty`));
      return;
    }
    for (const msg of isDNS1123Subdomain(step)) errs.push(invalid(path, urlPath, `segment[${i}]: ${msg}`));
  });
  return errs;
}

/**
 * A Service reference. Upstream passes the service's name where its helper expects the
 * namespace and the other way round, so a missing name is reported at `namespace` (and
 * vice versa); kubets reports them the same way.
 */
function validateService(service: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(service, 'namespace') === '') errs.push(required(path.child('name'), ''));
  if (str(service, 'name') === '') errs.push(required(path.child('namespace'), ''));
  const port = num(service, 'port');
  const portErrors = isValidPortNum(port);
  if (portErrors.length > 0) errs.push(invalid(path.child('port'), port, `port is not valid: ${portErrors.join(', ')}`));
  const servicePath = optStr(service, 'path');
  return servicePath === undefined ? errs : [...errs, ...validateServicePath(servicePath, path.child('path'))];
}

/** `clientConfig`: exactly one of url and service. */
export function validateClientConfig(clientConfig: Json, path: FieldPath): FieldErrorList {
  const url = optStr(clientConfig, 'url');
  const service = obj(clientConfig, 'service');
  if (url !== undefined && service === undefined) return validateWebhookURL(path.child('url'), url);
  if (url === undefined && service !== undefined) return validateService(service, path.child('service'));
  return [required(path, 'exactly one of url or service is required')];
}
