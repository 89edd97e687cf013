// Containers of a pod spec: the checks every container gets (name, image, ports, env,
// mounts, resources, security context), then those of regular, init and ephemeral
// containers, with names unique across the three lists and host ports free of
// conflicts (upstream's validateContainerCommon, validateContainers,
// validateInitContainers, validateEphemeralContainers).

import {
  duplicate, forbidden, invalid, notFound, notSupported, required, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { has, num, obj, objects, optStr, str, type Json } from '../common/json.js';
import { validateDNS1123Label } from '../common/names.js';
import {
  validateContainerPorts, validateEnv, validateEnvFrom, validatePullPolicy, validateVolumeDevices, validateVolumeMounts,
} from './container-fields.js';
import type { PodValidationOptions } from './pod-options.js';
import { validateLifecycle, validateLivenessOrStartupProbe, validateReadinessProbe } from './probes.js';
import { validateContainerResources } from './resources.js';
import { validateContainerSecurityContext } from './security-context.js';
import type { VolumeMap } from './volumes.js';

/** What every container check needs to know about its pod. */
export interface ContainerContext {
  readonly volumes: VolumeMap;
  readonly podClaimNames: ReadonlySet<string>;
  readonly gracePeriod: number | undefined;
  readonly restartPolicy: string;
  readonly hostUsers: boolean;
  readonly opts: PodValidationOptions;
}

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

function validateResizePolicy(policies: readonly Json[], path: FieldPath, podRestartPolicy: string): FieldErrorList {
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  policies.forEach((p, i) => {
    const resource = str(p, 'resourceName');
    const policy = str(p, 'restartPolicy');
    if (seen.has(resource)) errs.push(duplicate(path.index(i), resource));
    seen.add(resource);
    if (resource === '') errs.push(required(path));
    else if (!RESIZE_RESOURCES.includes(resource)) errs.push(notSupported(path, resource, RESIZE_RESOURCES));
    if (policy === '') errs.push(required(path));
    else if (!RESIZE_POLICIES.includes(policy)) errs.push(notSupported(path, policy, RESIZE_POLICIES));
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') {
      errs.push(invalid(path, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

/** The checks every kind of container gets. */
export function validateContainerCommon(c: Json, path: FieldPath, ctx: ContainerContext): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(c, 'name');
  if (name === '') errs.push(required(path.child('name')));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  // Upstream keeps accepting blank-looking images such as " " in templates.
  if (str(c, 'image') === '') errs.push(required(path.child('image')));
  const policy = str(c, 'terminationMessagePolicy');
  if (policy === '') errs.push(required(path.child('terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(policy)) {
    errs.push(notSupported(path.child('terminationMessagePolicy'), policy, TERMINATION_MESSAGE_POLICIES));
  }
  return [
    ...errs,
    ...validateContainerPorts(objects(c, 'ports'), path.child('ports')),
    ...validateEnv(objects(c, 'env'), path.child('env')),
    ...validateEnvFrom(objects(c, 'envFrom'), path.child('envFrom')),
    ...validateVolumeMounts(c, ctx.volumes, path.child('volumeMounts')),
    ...validateVolumeDevices(c, ctx.volumes, path.child('volumeDevices')),
    ...validatePullPolicy(str(c, 'imagePullPolicy'), path.child('imagePullPolicy')),
    ...validateContainerResources(obj(c, 'resources'), ctx.podClaimNames, path.child('resources'), ctx.opts),
    ...validateResizePolicy(objects(c, 'resizePolicy'), path.child('resizePolicy'), ctx.restartPolicy),
    ...validateContainerSecurityContext(obj(c, 'securityContext'), path.child('securityContext'), ctx.hostUsers),
  ];
}

/** Two ports of `containers` (checked together) may not claim the same protocol/hostIP/hostPort. */
function checkHostPortConflicts(containers: ReadonlyArray<readonly [Json, number]>, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  for (const [c, ci] of containers) {
    objects(c, 'ports').forEach((port, pi) => {
      const hostPort = num(port, 'hostPort');
      if (hostPort === 0) return;
      const id = `${str(port, 'protocol')}/${str(port, 'hostIP')}/${hostPort}`;
      if (seen.has(id)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), id));
      else seen.add(id);
    });
  }
  return errs;
}

function probesAndLifecycle(c: Json, path: FieldPath, ctx: ContainerContext): FieldErrorList {
  const lifecycle = obj(c, 'lifecycle');
  return [
    ...(lifecycle !== undefined ? validateLifecycle(lifecycle, ctx.gracePeriod, path.child('lifecycle')) : []),
    ...validateLivenessOrStartupProbe(obj(c, 'livenessProbe'), ctx.gracePeriod, path.child('livenessProbe')),
    ...validateReadinessProbe(obj(c, 'readinessProbe'), ctx.gracePeriod, path.child('readinessProbe')),
    ...validateLivenessOrStartupProbe(obj(c, 'startupProbe'), ctx.gracePeriod, path.child('startupProbe')),
  ];
}

/** `containers`: at least one, names unique, no restartPolicy of their own. */
export function validateContainers(containers: readonly Json[], path: FieldPath, ctx: ContainerContext): FieldErrorList {
  if (containers.length === 0) return [required(path)];
  const errs: FieldErrorList = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(c, idx, ctx));
    const name = str(c, 'name');
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else names.add(name);
    errs.push(...probesAndLifecycle(c, idx, ctx));
    if (has(c, 'restartPolicy')) errs.push(forbidden(idx.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  return [...errs, ...checkHostPortConflicts(containers.map((c, i) => [c, i] as const), path)];
}

/** `initContainers`: names unique among all containers; probes and hooks only for sidecars (restartPolicy Always). */
export function validateInitContainers(inits: readonly Json[], regular: readonly Json[], path: FieldPath, ctx: ContainerContext): FieldErrorList {
  const errs: FieldErrorList = [];
  const names = new Set(regular.map((c) => str(c, 'name')));
  inits.forEach((c, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(c, idx, ctx));
    const restartPolicy = optStr(c, 'restartPolicy');
    if (restartPolicy !== undefined && restartPolicy !== 'Always') errs.push(notSupported(idx.child('restartPolicy'), restartPolicy, ['Always']));
    const name = str(c, 'name');
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else if (name !== '') names.add(name);
    // Init containers run one at a time, so each is checked for port conflicts on its own;
    // upstream passes a one-element list, so its paths always say initContainers[0].
    errs.push(...checkHostPortConflicts([[c, 0]], path));
    if (restartPolicy === 'Always') errs.push(...probesAndLifecycle(c, idx, ctx));
    else {
      const detail = 'may not be set for init containers without restartPolicy=Always';
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (has(c, key)) errs.push(forbidden(idx.child(key), detail));
      }
    }
  });
  return errs;
}

/** The fields an ephemeral container may set (upstream's allowedEphemeralContainerFields), in Go's field order. */
const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

function isSetForGo(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'object' && !Array.isArray(v)) return Object.keys(v).length > 0;
  return true;
}

/** `ephemeralContainers`: names unique among all containers, targets existing, no probes, ports or resources. */
export function validateEphemeralContainers(spec: Json, path: FieldPath, ctx: ContainerContext): FieldErrorList {
  const ephemeral = objects(spec, 'ephemeralContainers');
  if (ephemeral.length === 0) return [];
  const errs: FieldErrorList = [];
  const others = new Set([...objects(spec, 'containers'), ...objects(spec, 'initContainers')].map((c) => str(c, 'name')));
  const all = new Set(others);
  ephemeral.forEach((ec, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(ec, idx, ctx), ...validateImageWhitespace(ec, idx));
    const name = str(ec, 'name');
    if (all.has(name)) errs.push(duplicate(idx.child('name'), name));
    else all.add(name);
    const target = str(ec, 'targetContainerName');
    if (target !== '' && !others.has(target)) errs.push(notFound(idx.child('targetContainerName'), target));
    for (const key of EPHEMERAL_FORBIDDEN) {
      if (isSetForGo(ec[key])) errs.push(forbidden(idx.child(key), 'cannot be set for an Ephemeral Container'));
    }
    objects(ec, 'volumeMounts').forEach((vm, j) => {
      const vmPath = idx.child('volumeMounts').index(j);
      if (str(vm, 'subPath') !== '') errs.push(forbidden(vmPath.child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (str(vm, 'subPathExpr') !== '') errs.push(forbidden(vmPath.child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

/** In a Pod (not a template) an image may not carry leading or trailing whitespace. */
export function validateImageWhitespace(c: Json, path: FieldPath): FieldErrorList {
  const image = str(c, 'image');
  return image.trim() !== image ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

/** The names of the pod's resource claims (non-empty ones). */
export function podClaimNames(spec: Json): Set<string> {
  return new Set(objects(spec, 'resourceClaims').map((c) => str(c, 'name')).filter((n) => n !== ''));
}

