// Security contexts of pods and containers: user and group ranges, sysctls, seccomp and
// AppArmor profiles, Windows options, privilege rules (upstream's
// validatePodSpecSecurityContext and ValidateSecurityContext).

import { duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goLen } from '../../../machinery/go-format.js';
import { inclusiveRangeError } from '../../../machinery/name-validation.js';
import { bool, list, obj, objects, optBool, optNum, optStr, str, type Json } from '../common/json.js';
import { validateLocalDescendingPath } from './paths.js';
import type { PodValidationOptions } from './pod-options.js';
import { validateWindowsOptions } from './windows-options.js';

/**
 * Whether privileged containers are allowed (kube-apiserver's --allow-privileged). kubets
 * allows them, as kubeadm and kind configure their API servers.
 */
export const ALLOW_PRIVILEGED = true;

const MAX_ID = 2 ** 31 - 1;

/** A Unix user or group ID: 0 to 2^31-1. */
export function validateID(value: number | undefined, path: FieldPath): FieldErrorList {
  if (value === undefined || (value >= 0 && value <= MAX_ID)) return [];
  return [invalid(path, value, inclusiveRangeError(0, MAX_ID))];
}

const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

/** A seccompProfile: a known type; a local profile path exactly for Localhost. */
export function validateSeccompProfileField(sp: Json | undefined, path: FieldPath): FieldErrorList {
  if (sp === undefined) return [];
  const errs: FieldErrorList = [];
  const type = str(sp, 'type');
  if (type === '') errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!PROFILE_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, PROFILE_TYPES));
  const local = optStr(sp, 'localhostProfile');
  if (type === 'Localhost') {
    if (local === undefined) errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(local, path.child('localhostProfile')));
  } else if (local !== undefined) {
    errs.push(invalid(path.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

/** An appArmorProfile: a known type; a trimmed, bounded local profile name exactly for Localhost. */
export function validateAppArmorProfileField(profile: Json | undefined, path: FieldPath): FieldErrorList {
  if (profile === undefined) return [];
  const type = str(profile, 'type');
  const local = optStr(profile, 'localhostProfile');
  const localPath = path.child('localhostProfile');
  switch (type) {
    case 'Localhost': {
      if (local === undefined) return [required(localPath, 'must be set when AppArmor type is Localhost')];
      const errs: FieldErrorList = [];
      if (local.trim() !== local) errs.push(invalid(localPath, local, 'must not be padded with whitespace'));
      else if (local === '') errs.push(required(localPath, 'must be set when AppArmor type is Localhost'));
      if (goLen(local) > 4095) errs.push(tooLong(localPath, 4095));
      return errs;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      return local !== undefined ? [invalid(localPath, local, 'can only be set when AppArmor type is Localhost')] : [];
    case '':
      return [required(path.child('type'), 'type is required when appArmorProfile is set')];
    default:
      return [notSupported(path.child('type'), type, PROFILE_TYPES)];
  }
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_REGEX_SOURCE = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const SYSCTL_REGEX = new RegExp(SYSCTL_REGEX_SOURCE);

/** `kernel/shm_rmid_forced` is written with slashes for dots (the first separator decides). */
function normalizeSysctl(name: string): string {
  const dot = name.indexOf('.');
  const slash = name.indexOf('/');
  if (slash < 0 || (dot >= 0 && dot < slash)) return name;
  return name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

/** The namespace a sysctl belongs to, when it is namespaced with the network or IPC. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = normalizeSysctl(name);
  if (n === 'kernel.sem' || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  return n.startsWith('net.') ? 'net' : undefined;
}

function validateSysctls(spec: Json, sysctls: readonly Json[], path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs: FieldErrorList = [];
  const names = new Set<string>();
  sysctls.forEach((s, i) => {
    const namePath = path.index(i).child('name');
    const name = str(s, 'name');
    if (name === '') errs.push(required(namePath));
    else if (goLen(name) > 253 || !SYSCTL_REGEX.test(name)) {
      errs.push(invalid(namePath, name, `must have at most 253 characters and match regex ${SYSCTL_REGEX_SOURCE}`));
    } else if (names.has(name)) errs.push(duplicate(namePath, name));
    if (!opts.allowNamespacedSysctlsForHostNetAndHostIPC) {
      const ns = sysctlNamespace(name);
      if (spec.hostNetwork === true && ns === 'net') errs.push(invalid(namePath, name, "may not be specified when 'hostNetwork' is true"));
      else if (spec.hostIPC === true && ns === 'ipc') errs.push(invalid(namePath, name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(name);
  });
  return errs;
}

function enumField(o: Json, key: string, values: readonly string[], path: FieldPath): FieldErrorList {
  const v = optStr(o, key);
  return v !== undefined && !values.includes(v) ? [notSupported(path.child(key), v, values)] : [];
}

/** The pod's securityContext; host namespaces come from the spec, where v1 keeps them. */
export function validatePodSecurityContext(spec: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const sc = obj(spec, 'securityContext');
  if (sc === undefined) return [];
  const errs = [
    ...validateID(optNum(sc, 'fsGroup'), path.child('fsGroup')),
    ...validateID(optNum(sc, 'runAsUser'), path.child('runAsUser')),
    ...validateID(optNum(sc, 'runAsGroup'), path.child('runAsGroup')),
  ];
  list(sc, 'supplementalGroups').forEach((g, i) => {
    if (typeof g === 'number') errs.push(...validateID(g, path.child('supplementalGroups').index(i)));
  });
  const share = optBool(spec, 'shareProcessNamespace');
  if (share === true && bool(spec, 'hostPID')) {
    errs.push(invalid(path.child('shareProcessNamespace'), share, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const sysctls = objects(sc, 'sysctls');
  if (sysctls.length > 0) errs.push(...validateSysctls(spec, sysctls, path.child('sysctls'), opts));
  errs.push(...enumField(sc, 'fsGroupChangePolicy', ['Always', 'OnRootMismatch'], path));
  errs.push(...validateSeccompProfileField(obj(sc, 'seccompProfile'), path.child('seccompProfile')));
  errs.push(...validateWindowsOptions(obj(sc, 'windowsOptions'), path.child('windowsOptions')));
  errs.push(...validateAppArmorProfileField(obj(sc, 'appArmorProfile'), path.child('appArmorProfile')));
  errs.push(...enumField(sc, 'supplementalGroupsPolicy', ['Merge', 'Strict'], path));
  errs.push(...enumField(sc, 'seLinuxChangePolicy', ['MountOption', 'Recursive'], path));
  return errs;
}

/** A container's securityContext; `hostUsers` is the pod's (true unless set false). */
export function validateContainerSecurityContext(sc: Json | undefined, path: FieldPath, hostUsers: boolean): FieldErrorList {
  if (sc === undefined) return [];
  const errs: FieldErrorList = [];
  const privileged = optBool(sc, 'privileged');
  if (privileged === true && !ALLOW_PRIVILEGED) errs.push(forbidden(path.child('privileged'), 'disallowed by cluster policy'));
  errs.push(...validateID(optNum(sc, 'runAsUser'), path.child('runAsUser')));
  errs.push(...validateID(optNum(sc, 'runAsGroup'), path.child('runAsGroup')));
  const procMount = optStr(sc, 'procMount');
  if (procMount !== undefined) {
    errs.push(...enumField(sc, 'procMount', ['Default', 'Unmasked'], path));
    if (hostUsers && procMount === 'Unmasked') errs.push(invalid(path.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfileField(obj(sc, 'seccompProfile'), path.child('seccompProfile')));
  if (optBool(sc, 'allowPrivilegeEscalation') === false) {
    if (privileged === true) errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of list(obj(sc, 'capabilities'), 'add')) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateWindowsOptions(obj(sc, 'windowsOptions'), path.child('windowsOptions')));
  errs.push(...validateAppArmorProfileField(obj(sc, 'appArmorProfile'), path.child('appArmorProfile')));
  return errs;
}

/** With hostUsers false, no host network, PID or IPC namespace (upstream's paths, capitals included). */
export function validateHostUsers(spec: Json, path: FieldPath): FieldErrorList {
  if (optBool(spec, 'hostUsers') !== false) return [];
  const errs: FieldErrorList = [];
  const detail = 'when `pod.Spec.HostUsers` is false';
  if (bool(spec, 'hostNetwork')) errs.push(forbidden(path.child('hostNetwork'), detail));
  if (bool(spec, 'hostPID')) errs.push(forbidden(path.child('HostPID'), detail));
  if (bool(spec, 'hostIPC')) errs.push(forbidden(path.child('HostIPC'), detail));
  return errs;
}
