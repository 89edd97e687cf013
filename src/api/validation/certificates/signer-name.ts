// A CSR's signerName: `<domain>/<path>`, e.g. `kubernetes.io/kube-apiserver-client` or
// `example.com/<namespace>.<name>` (upstream's ValidateSignerName).

import { invalid, required, tooLong, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goQuote } from '../../../machinery/go-format.js';
import {
  DNS1123_LABEL_MAX_LENGTH, DNS1123_SUBDOMAIN_MAX_LENGTH, isDNS1123Label, isDNS1123Subdomain,
} from '../../../machinery/name-validation.js';

/** The domain: DNS labels joined by dots, at least two. Only the first bad label is reported. */
function validateDomain(domain: string, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (Buffer.byteLength(domain) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(tooLong(path, DNS1123_SUBDOMAIN_MAX_LENGTH));
  const labels = domain.split('.');
  for (const label of labels) {
    const messages = isDNS1123Label(label);
    if (messages.length === 0) continue;
    errs.push(...messages.map((msg) => invalid(path, domain, `validating label ${goQuote(label)}: ${msg}`)));
    break;
  }
  if (labels.length < 2) errs.push(invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  return errs;
}

/** The path: DNS subdomains joined by dots. Only the first bad one is reported. */
function validatePathPart(part: string, path: FieldPath): FieldErrorList {
  for (const label of part.split('.')) {
    const messages = isDNS1123Subdomain(label);
    if (messages.length > 0) return messages.map((msg) => invalid(path, part, `validating label ${goQuote(label)}: ${msg}`));
  }
  return [];
}

export function validateSignerName(signerName: string, path: FieldPath): FieldErrorList {
  if (signerName === '') return [required(path, '')];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain = '', rest = ''] = segments;
  const errs = [...validateDomain(domain, path), ...validatePathPart(rest, path)];
  // Room for <domain>/<namespace>.<name>.
  const maxLength = DNS1123_SUBDOMAIN_MAX_LENGTH + DNS1123_SUBDOMAIN_MAX_LENGTH + DNS1123_LABEL_MAX_LENGTH + 2;
  if (Buffer.byteLength(signerName) > maxLength) errs.push(tooLong(path, maxLength));
  return errs;
}
