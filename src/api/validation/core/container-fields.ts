// The parts of a container that are lists of small records: ports, environment,
// volume mounts and devices, and the pull policy.

import {
  duplicate, forbidden, invalid, notFound, notSupported, required, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { emptyError, isConfigMapKey, isValidPortName, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { has, num, obj, objects, optStr, str, type Json } from '../common/json.js';
import { validatePortNumber, validateProtocol } from '../common/ports.js';
import { ENV_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './field-refs.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.js';
import type { VolumeMap } from './volumes.js';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** Required, and one of Always, IfNotPresent, Never. */
export function validatePullPolicy(policy: string, path: FieldPath): FieldErrorList {
  if (policy === '') return [required(path)];
  return PULL_POLICIES.includes(policy) ? [] : [notSupported(path, policy, PULL_POLICIES)];
}

/** Container ports: named ones unique IANA names, numbers in range, a protocol. */
export function validateContainerPorts(ports: readonly Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const idx = path.index(i);
    const name = str(port, 'name');
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(idx.child('name'), name, m)));
      else if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port, 'containerPort');
    if (containerPort === 0) errs.push(required(idx.child('containerPort')));
    else errs.push(...validatePortNumber(containerPort, idx.child('containerPort')));
    const hostPort = num(port, 'hostPort');
    if (hostPort !== 0) errs.push(...validatePortNumber(hostPort, idx.child('hostPort')));
    errs.push(...validateProtocol(str(port, 'protocol'), idx.child('protocol')));
  });
  return errs;
}

const RELAXED_ENV_NAME_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/** Environment variable names (and envFrom prefixes): printable ASCII but '=' (1.36's relaxed rule). */
export function envVarNameErrors(name: string): string[] {
  if (name === '') return [`environment variable name ${emptyError()}`];
  return /^[\x20-\x3c\x3e-\x7e]*$/.test(name) ? [] : [RELAXED_ENV_NAME_MSG];
}

function validateKeySelector(sel: Json, path: FieldPath): FieldErrorList {
  const name = str(sel, 'name');
  const errs = nameIsDNSSubdomain(name, false).map((m) => invalid(path.child('name'), name, m));
  const key = str(sel, 'key');
  if (key === '') errs.push(required(path.child('key')));
  else errs.push(...isConfigMapKey(key).map((m) => invalid(path.child('key'), key, m)));
  return errs;
}

function validateEnvVarValueFrom(ev: Json, path: FieldPath): FieldErrorList {
  const from = obj(ev, 'valueFrom');
  if (from === undefined) return [];
  const errs: FieldErrorList = [];
  const checks: ReadonlyArray<readonly [string, (ref: Json, p: FieldPath) => FieldErrorList]> = [
    ['fieldRef', (ref, p) => validateObjectFieldSelector(ref, ENV_FIELD_PATHS, p)],
    ['resourceFieldRef', (ref, p) => validateResourceFieldSelector(ref, p, false)],
    ['configMapKeyRef', validateKeySelector],
    ['secretKeyRef', validateKeySelector],
  ];
  let sources = 0;
  for (const [key, check] of checks) {
    const ref = obj(from, key);
    if (ref === undefined) continue;
    sources++;
    errs.push(...check(ref, path.child(key)));
  }
  if (sources === 0) {
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (str(ev, 'value') !== '') {
    errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

/** `env`: names set and valid, at most one value source each. */
export function validateEnv(vars: readonly Json[], path: FieldPath): FieldErrorList {
  return vars.flatMap((ev, i) => {
    const idx = path.index(i);
    const name = str(ev, 'name');
    const errs = name === '' ? [required(idx.child('name'))] : envVarNameErrors(name).map((m) => invalid(idx.child('name'), name, m));
    return [...errs, ...validateEnvVarValueFrom(ev, idx.child('valueFrom'))];
  });
}

function validateEnvFromRef(ref: Json, path: FieldPath): FieldErrorList {
  const name = str(ref, 'name');
  if (name === '') return [required(path.child('name'))];
  // Upstream checks these names as generateName prefixes (a trailing '-' passes).
  return nameIsDNSSubdomain(name, true).map((m) => invalid(path.child('name'), name, m));
}

/** `envFrom`: a valid prefix, exactly one of configMapRef and secretRef. Count errors are reported at the list. */
export function validateEnvFrom(sources: readonly Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  sources.forEach((ev, i) => {
    const idx = path.index(i);
    const prefix = str(ev, 'prefix');
    if (prefix !== '') errs.push(...envVarNameErrors(prefix).map((m) => invalid(idx.child('prefix'), prefix, m)));
    let count = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = obj(ev, key);
      if (ref === undefined) continue;
      count++;
      errs.push(...validateEnvFromRef(ref, idx.child(key)));
    }
    if (count === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

function validateMountPropagation(mode: string, container: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = MOUNT_PROPAGATIONS.includes(mode) ? [] : [notSupported(path, mode, MOUNT_PROPAGATIONS)];
  const privileged = obj(container, 'securityContext')?.privileged === true;
  if (mode === 'Bidirectional' && !privileged) {
    errs.push(forbidden(path, 'Bidirectional mount propagation is available only to privileged containers'));
  }
  return errs;
}

function validateRecursiveReadOnly(mnt: Json, path: FieldPath): FieldErrorList {
  const rro = optStr(mnt, 'recursiveReadOnly');
  if (rro === undefined || rro === 'Disabled') return [];
  if (rro !== 'Enabled' && rro !== 'IfPossible') return [notSupported(path, rro, RECURSIVE_READ_ONLY)];
  const errs: FieldErrorList = [];
  if (mnt.readOnly !== true) errs.push(forbidden(path, 'may only be specified when readOnly is true'));
  const propagation = optStr(mnt, 'mountPropagation');
  if (propagation !== undefined && propagation !== 'None') {
    errs.push(forbidden(path, 'may only be specified when mountPropagation is None or not specified'));
  }
  return errs;
}

function mountSubPaths(mnt: Json, vol: Json | undefined, idx: FieldPath, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const subPath = str(mnt, 'subPath');
  const subPathExpr = str(mnt, 'subPathExpr');
  if (vol !== undefined && has(vol, 'image')) {
    if (subPath !== '') errs.push(invalid(idx.child('subPath'), subPath, 'not allowed in image volume sources'));
    if (subPathExpr !== '') errs.push(invalid(idx.child('subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
  }
  // Upstream reports the path checks at the list's path (`volumeMounts.subPath`), not the item's.
  if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, path.child('subPath')));
  if (subPathExpr !== '') {
    if (subPath !== '') errs.push(invalid(idx.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
    errs.push(...validateLocalDescendingPath(subPathExpr, path.child('subPathExpr')));
  }
  return errs;
}

/** `volumeMounts`: each names a volume of the pod, mount paths unique and apart from the devices. */
export function validateVolumeMounts(container: Json, volumes: VolumeMap, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const devices = objects(container, 'volumeDevices');
  const deviceNames = new Set(devices.map((d) => str(d, 'name')));
  const devicePaths = new Set(devices.map((d) => str(d, 'devicePath')));
  const mountPoints = new Set<string>();
  objects(container, 'volumeMounts').forEach((mnt, i) => {
    const idx = path.index(i);
    const name = str(mnt, 'name');
    const mountPath = str(mnt, 'mountPath');
    if (name === '') errs.push(required(idx.child('name')));
    if (!volumes.has(name)) errs.push(notFound(idx.child('name'), name));
    if (mountPath === '') errs.push(required(idx.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (deviceNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    errs.push(...mountSubPaths(mnt, volumes.get(name), idx, path));
    const propagation = optStr(mnt, 'mountPropagation');
    if (propagation !== undefined) errs.push(...validateMountPropagation(propagation, container, path.child('mountPropagation')));
    errs.push(...validateRecursiveReadOnly(mnt, path.child('recursiveReadOnly')));
  });
  return errs;
}

/** `volumeDevices`: each names a claim-backed volume, names and paths unique and apart from the mounts. */
export function validateVolumeDevices(container: Json, volumes: VolumeMap, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const mounts = objects(container, 'volumeMounts');
  const mountNames = new Set(mounts.map((m) => str(m, 'name')));
  const mountPaths = new Set(mounts.map((m) => str(m, 'mountPath')));
  const names = new Set<string>();
  const paths = new Set<string>();
  objects(container, 'volumeDevices').forEach((dev, i) => {
    const idx = path.index(i);
    const name = str(dev, 'name');
    const devicePath = str(dev, 'devicePath');
    const vol = volumes.get(name);
    if (name === '') errs.push(required(idx.child('name')));
    if (names.has(name)) errs.push(invalid(idx.child('name'), name, 'must be unique'));
    if (vol !== undefined && !has(vol, 'persistentVolumeClaim') && !has(vol, 'ephemeral')) {
      errs.push(invalid(idx.child('name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (vol === undefined) errs.push(notFound(idx.child('name'), name));
    if (devicePath === '') errs.push(required(idx.child('devicePath')));
    if (paths.has(devicePath)) errs.push(invalid(idx.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath !== '' && validatePathNoBacksteps(devicePath, path).length > 0) {
      errs.push(invalid(idx.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(devicePath);
    }
    if (mountNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) errs.push(invalid(idx.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
  return errs;
}
