// Windows security options (GMSA credential specs, runAsUserName) and the rules that tie
// a pod's containers to its OS: `spec.os`, Linux-only and Windows-only fields, and
// HostProcess pods (upstream's validateWindowsSecurityContextOptions, validateOS,
// validateLinux, validateWindows, validateWindowsHostProcessPod).

import { forbidden, invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goLen } from '../../../machinery/go-format.js';
import { isDNS1123Subdomain } from '../../../machinery/name-validation.js';
import { list, obj, objects, optBool, optStr, str, type Json } from '../common/json.js';
import { ALLOW_PRIVILEGED } from './security-context.js';

const MAX_GMSA_SPEC_KIB = 64;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const WINDOWS_DNS_DOMAIN = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const INVALID_USER_CHARS = /["/\\:;|=,+*?<>@[\]]/;

/** POSIX [[:cntrl:]]: the ASCII control characters. */
function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function runAsUserNameErrors(name: string): string[] {
  if (name === '') return ['runAsUserName cannot be an empty string'];
  if ([...name].some(isControl)) return ['runAsUserName cannot contain control characters'];
  const parts = name.split('\\');
  if (parts.length > 2) return ['runAsUserName cannot contain more than one backslash'];
  const [domain, user] = parts.length === 1 ? ['', parts[0] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  const errs: string[] = [];
  if (goLen(domain) >= 256) errs.push("runAsUserName's Domain length must be under 256 characters");
  if (parts.length === 2 && !(NETBIOS.test(domain) || WINDOWS_DNS_DOMAIN.test(domain))) {
    errs.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  }
  if (user === '') errs.push("runAsUserName's User cannot be empty");
  else if (goLen(user) > 104) errs.push("runAsUserName's User length must not be longer than 104 characters");
  if (/^[. ]+$/.test(user)) errs.push("runAsUserName's User cannot contain only periods or spaces");
  if (INVALID_USER_CHARS.test(user)) errs.push(`runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`);
  return errs;
}

/** `windowsOptions` of a pod or container. */
export function validateWindowsOptions(opts: Json | undefined, path: FieldPath): FieldErrorList {
  if (opts === undefined) return [];
  const errs: FieldErrorList = [];
  const specName = optStr(opts, 'gmsaCredentialSpecName');
  if (specName !== undefined) errs.push(...isDNS1123Subdomain(specName).map((m) => invalid(path.child('gmsaCredentialSpecName'), specName, m)));
  const spec = optStr(opts, 'gmsaCredentialSpec');
  if (spec !== undefined) {
    if (spec === '') errs.push(invalid(path.child('gmsaCredentialSpec'), spec, 'gmsaCredentialSpec cannot be an empty string'));
    else if (goLen(spec) > MAX_GMSA_SPEC_KIB * 1024) {
      errs.push(invalid(path.child('gmsaCredentialSpec'), spec, `gmsaCredentialSpec size must be under ${MAX_GMSA_SPEC_KIB} KiB`));
    }
  }
  const user = optStr(opts, 'runAsUserName');
  if (user !== undefined) errs.push(...runAsUserNameErrors(user).map((m) => invalid(path.child('runAsUserName'), user, m)));
  return errs;
}

/** Every container of the spec with its path, init containers first (upstream's VisitContainersWithPath). */
export function containersWithPaths(spec: Json, path: FieldPath): Array<[Json, FieldPath]> {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((key) =>
    objects(spec, key).map((c, i): [Json, FieldPath] => [c, path.child(key).index(i)]),
  );
}

/** A Windows HostProcess pod: all containers HostProcess, host network, privileged allowed. */
export function validateWindowsHostProcessPod(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const podHostProcess = optBool(obj(obj(spec, 'securityContext'), 'windowsOptions'), 'hostProcess');
  const hostNetwork = spec.hostNetwork === true;
  let containers = 0;
  let hostProcessContainers = 0;
  for (const [c, cPath] of containersWithPaths(spec, path)) {
    containers++;
    const own = optBool(obj(obj(c, 'securityContext'), 'windowsOptions'), 'hostProcess');
    if (podHostProcess !== undefined && own !== undefined && podHostProcess !== own) {
      const p = cPath.child('securityContext', 'windowsOptions', 'hostProcess');
      errs.push(invalid(p, own, `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
    if (own === true || (own === undefined && podHostProcess === true)) hostProcessContainers++;
  }
  if (hostProcessContainers > 0) {
    if (hostProcessContainers !== containers) {
      errs.push(invalid(path, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'));
    }
    if (!hostNetwork) errs.push(invalid(path.child('hostNetwork'), hostNetwork, 'hostNetwork must be true if pod contains any hostProcess containers'));
    if (!ALLOW_PRIVILEGED) errs.push(forbidden(path, 'hostProcess containers are disallowed by cluster policy'));
  }
  return errs;
}

const OS_NAMES = ['linux', 'windows'];
/**
 * What a Windows pod may not set, in upstream's order: fields of the pod's security
 * context (`sc`) or of the spec itself (`spec`, where v1 keeps the host namespaces).
 */
const WINDOWS_FORBIDDEN_POD_FIELDS: ReadonlyArray<readonly ['sc' | 'spec', string]> = [
  ['sc', 'appArmorProfile'], ['sc', 'seLinuxOptions'], ['spec', 'hostUsers'], ['spec', 'hostPID'], ['spec', 'hostIPC'],
  ['sc', 'seccompProfile'], ['sc', 'fsGroup'], ['sc', 'fsGroupChangePolicy'], ['sc', 'sysctls'], ['spec', 'shareProcessNamespace'],
  ['sc', 'runAsUser'], ['sc', 'runAsGroup'], ['sc', 'supplementalGroups'], ['sc', 'supplementalGroupsPolicy'], ['sc', 'seLinuxChangePolicy'],
];
const WINDOWS_FORBIDDEN_CONTAINER_FIELDS = [
  'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation',
  'procMount', 'runAsUser', 'runAsGroup',
];

/** Set as Go sees it: non-nil; the host namespace booleans only when true; sysctls only when non-empty. */
function isSet(o: Json | undefined, key: string): boolean {
  const v = o?.[key];
  if (v === undefined || v === null) return false;
  if (key === 'hostPID' || key === 'hostIPC') return v === true;
  return key !== 'sysctls' || list(o, key).length > 0;
}

function windowsPodErrors(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const sc = obj(spec, 'securityContext');
  const cannot = 'cannot be set for a windows pod';
  for (const [holder, key] of WINDOWS_FORBIDDEN_POD_FIELDS) {
    const inSpec = holder === 'spec';
    if (isSet(inSpec ? spec : sc, key)) errs.push(forbidden(inSpec ? path.child(key) : path.child('securityContext', key), cannot));
  }
  for (const [c, cPath] of containersWithPaths(spec, path)) {
    const csc = obj(c, 'securityContext');
    for (const key of WINDOWS_FORBIDDEN_CONTAINER_FIELDS) {
      if (isSet(csc, key)) errs.push(forbidden(cPath.child('securityContext', key), cannot));
    }
  }
  return errs;
}

function linuxPodErrors(spec: Json, path: FieldPath): FieldErrorList {
  const detail = 'windows options cannot be set for a linux pod';
  const errs: FieldErrorList = isSet(obj(spec, 'securityContext'), 'windowsOptions')
    ? [forbidden(path.child('securityContext', 'windowsOptions'), detail)]
    : [];
  for (const [c, cPath] of containersWithPaths(spec, path)) {
    if (isSet(obj(c, 'securityContext'), 'windowsOptions')) errs.push(forbidden(cPath.child('securityContext', 'windowsOptions'), detail));
  }
  return errs;
}

/** `spec.os`: a known name, and the fields of the other OS unset. */
export function validateOS(spec: Json, path: FieldPath): FieldErrorList {
  const os = obj(spec, 'os');
  if (os === undefined) return [];
  const name = str(os, 'name');
  const osPath = path.child('os');
  if (name === '') return [required(osPath.child('name'), 'cannot be empty')];
  if (!OS_NAMES.includes(name)) return [notSupported(osPath, name, OS_NAMES)];
  return name === 'linux' ? linuxPodErrors(spec, path) : windowsPodErrors(spec, path);
}
