// Format checks for names and keys, with upstream's messages (k8s.io/apimachinery's
// util/validation and api/validate/content). Each check returns the list of what is wrong,
// as plain strings; an empty list means valid. Callers wrap them into FieldErrors.
//
// Upstream words length limits in two ways, and kubets keeps both: DNS names and the
// other util/validation checks say "characters", label keys and values say "bytes".

import { goLen } from './go-format.js';

/** `must be no more than N characters` (util/validation's wording). */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `must be no more than N bytes` (the wording of label keys and values). */
function maxBytesError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/** `must be non-empty`. */
export function emptyError(): string {
  return 'must be non-empty';
}

/** `must be between LO and HI, inclusive`. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/**
 * A regex failure as upstream words it. Note upstream's spacing: each example is
 * followed by ", " and joined with " or ", which gives `'a',  or 'b', regex used …`.
 */
export function regexError(msg: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${regex}')`;
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${regex}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const WILDCARD_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_SUBDOMAIN_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;

const anchored = (fmt: string): RegExp => new RegExp(`^(?:${fmt})$`);
const dns1123Label = anchored(DNS1123_LABEL_FMT);
const dns1123Subdomain = anchored(DNS1123_SUBDOMAIN_FMT);
const dns1035Label = anchored(DNS1035_LABEL_FMT);
const wildcardSubdomain = anchored(WILDCARD_SUBDOMAIN_FMT);

/** A DNS label (RFC 1123): most object names that appear in DNS, e.g. namespaces, services. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a label can only be at fault for its dots.
    if (dns1123Subdomain.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/** A DNS subdomain (RFC 1123): the name rule of most kinds. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123Subdomain.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** A DNS-1035 label: starts with a letter (Service names). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035Label.test(value)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** `*.example.com` (Ingress hosts). */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!wildcardSubdomain.test(value)) errs.push(regexError(WILDCARD_SUBDOMAIN_MSG, WILDCARD_SUBDOMAIN_FMT, '*.example.com'));
  return errs;
}

/** The DNS subdomain check of the label-key prefix, worded in bytes as content.IsDNS1123Subdomain does. */
function isPrefixSubdomain(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxBytesError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123Subdomain.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_NAME_MAX_LENGTH = 63;
const labelKeyName = anchored(LABEL_KEY_FMT);
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValue = anchored(LABEL_VALUE_FMT);

/**
 * A "qualified name" (label keys, annotation keys, finalizers, …): an optional DNS
 * subdomain prefix and '/', then a name of at most 63 bytes.
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isPrefixSubdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push(`name part ${emptyError()}`);
  else if (goLen(name) > LABEL_KEY_NAME_MAX_LENGTH) errs.push(`name part ${maxBytesError(LABEL_KEY_NAME_MAX_LENGTH)}`);
  if (!labelKeyName.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** A label value: empty, or up to 63 bytes of the label-name characters. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxBytesError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValue.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * A name that can be a URL path segment and a storage key: not `.` or `..`, no `/` or `%`.
 * `prefix` (a generateName) only checks the characters.
 */
export function isValidPathSegmentName(name: string, prefix = false): string[] {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) {
    if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
}

/** A port name (IANA service name): at most 15 characters, [-a-z0-9], a letter, no '--', no edge '-'. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (goLen(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** A port number 1–65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** `value` within [min, max]. */
export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

const C_IDENTIFIER_FMT = '[A-Za-z_][A-Za-z0-9_]*';
const C_IDENTIFIER_MSG = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";

/** A C identifier. */
export function isCIdentifier(value: string): string[] {
  return anchored(C_IDENTIFIER_FMT).test(value) ? [] : [regexError(C_IDENTIFIER_MSG, C_IDENTIFIER_FMT, 'my_name', 'MY_NAME', 'MyName')];
}

function chdirPrefixErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** A key of a ConfigMap or Secret (it becomes a file name). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!anchored(CONFIG_MAP_KEY_FMT).test(value)) {
    errs.push(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  return [...errs, ...chdirPrefixErrors(value)];
}

/** A name the API server checks: returns what is wrong; `prefix` is true for a generateName. */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/**
 * A generateName may end in '-' (random characters follow). Upstream masks it before the
 * check; its mask also drops the character before the dash, which kubets keeps doing so
 * that the same prefixes are accepted.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** Names that must be a DNS subdomain (most kinds). */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Names that must be a DNS label (Namespace, …). */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** Names that must be a DNS-1035 label (Service). */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** Names that only have to be usable as a path segment (e.g. RBAC roles). */
export const nameIsPathSegment: ValidateNameFunc = (name, prefix) => isValidPathSegmentName(name, prefix);

/** Namespace names are DNS labels. */
export const validateNamespaceName: ValidateNameFunc = nameIsDNSLabel;
