// A PodSpec, in a Pod or in any pod template (upstream's ValidatePodSpec): the checks
// run in upstream's order so that a spec with several faults lists them as upstream does.

import { invalid, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateLabels } from '../../../machinery/object-meta-validation.js';
import { has, num, obj, objects, optBool, optStr, str, stringMap, type Json } from '../common/json.js';
import { validateDNS1123Label, validateObjectName } from '../common/names.js';
import {
  podClaimNames, validateContainers, validateEphemeralContainers, validateInitContainers, type ContainerContext,
} from './containers.js';
import type { PodValidationOptions } from './pod-options.js';
import {
  validateActiveDeadline, validateDNSPolicy, validateHostAliases, validateImagePullSecrets, validatePodDNSConfig, validatePodHostNetworkDeps,
  validatePodResourceClaims, validatePreemptionPolicy, validateReadinessGates, validateRestartPolicy, validateSchedulingGates,
} from './pod-spec-fields.js';
import { validateOverhead, validatePodResources } from './resources.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling.js';
import { validateHostUsers, validatePodSecurityContext } from './security-context.js';
import { validateVolumes } from './volumes.js';
import { validateOS, validateWindowsHostProcessPod } from './windows-options.js';

function nameField(spec: Json, key: string, path: FieldPath, check: (v: string) => string[]): FieldErrorList {
  const v = str(spec, key);
  return v === '' ? [] : check(v).map((m) => invalid(path.child(key), v, m));
}

/** Everything after the containers, in upstream's order. */
function validateSpecSettings(spec: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs = [
    ...validatePodHostNetworkDeps(spec, path, opts),
    ...validateRestartPolicy(str(spec, 'restartPolicy'), path.child('restartPolicy')),
    ...validateDNSPolicy(str(spec, 'dnsPolicy'), path.child('dnsPolicy')),
    ...validateLabels(stringMap(spec, 'nodeSelector'), path.child('nodeSelector')),
    ...validatePodSecurityContext(spec, path.child('securityContext'), opts),
    ...validateImagePullSecrets(objects(spec, 'imagePullSecrets'), path.child('imagePullSecrets')),
    ...validateAffinity(obj(spec, 'affinity'), opts, path.child('affinity')),
    ...validatePodDNSConfig(obj(spec, 'dnsConfig'), str(spec, 'dnsPolicy'), path.child('dnsConfig')),
    ...validateReadinessGates(objects(spec, 'readinessGates'), path.child('readinessGates')),
    ...validateSchedulingGates(objects(spec, 'schedulingGates'), path.child('schedulingGates')),
    ...validateTopologySpreadConstraints(objects(spec, 'topologySpreadConstraints'), path.child('topologySpreadConstraints'), opts),
    ...validateWindowsHostProcessPod(spec, path),
    ...validateHostUsers(spec, path),
    // Service account names follow the namespace-less DNS subdomain rule.
    ...nameField(spec, 'serviceAccountName', path, (v) => nameIsDNSSubdomain(v, false)),
    ...nameField(spec, 'nodeName', path, (v) => nameIsDNSSubdomain(v, false)),
    ...validateActiveDeadline(spec, path.child('activeDeadlineSeconds')),
  ];
  if (str(spec, 'hostname') !== '') errs.push(...validateDNS1123Label(str(spec, 'hostname'), path.child('hostname')));
  if (str(spec, 'subdomain') !== '') errs.push(...validateDNS1123Label(str(spec, 'subdomain'), path.child('subdomain')));
  errs.push(...validateTolerations(objects(spec, 'tolerations'), path.child('tolerations')));
  errs.push(...validateHostAliases(objects(spec, 'hostAliases'), path.child('hostAliases')));
  errs.push(...nameField(spec, 'priorityClassName', path, (v) => nameIsDNSSubdomain(v, false)));
  const runtimeClass = optStr(spec, 'runtimeClassName');
  if (runtimeClass !== undefined) errs.push(...validateObjectName(nameIsDNSSubdomain, runtimeClass, path.child('runtimeClassName')));
  const preemption = optStr(spec, 'preemptionPolicy');
  if (preemption !== undefined) errs.push(...validatePreemptionPolicy(preemption, path.child('preemptionPolicy')));
  const overhead = obj(spec, 'overhead');
  if (overhead !== undefined) errs.push(...validateOverhead(overhead, path.child('overhead'), opts));
  return [...errs, ...validateOS(spec, path)];
}

/**
 * A PodSpec. `podName` is the pod's name when the spec is a real pod's (ephemeral volume
 * claims are named after it), '' in templates.
 */
export function validatePodSpec(spec: Json, podName: string, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs: FieldErrorList = has(spec, 'terminationGracePeriodSeconds') ? [] : [required(path.child('terminationGracePeriodSeconds'))];
  const gracePeriod = has(spec, 'terminationGracePeriodSeconds') ? num(spec, 'terminationGracePeriodSeconds') : undefined;
  const { volumes, errors } = validateVolumes(objects(spec, 'volumes'), podName, path.child('volumes'), opts);
  errs.push(...errors);
  const claimNames = podClaimNames(spec);
  errs.push(...validatePodResourceClaims(objects(spec, 'resourceClaims'), path.child('resourceClaims')));
  const ctx: ContainerContext = {
    volumes,
    podClaimNames: claimNames,
    gracePeriod,
    restartPolicy: str(spec, 'restartPolicy'),
    hostUsers: optBool(spec, 'hostUsers') !== false,
    opts,
  };
  const containers = objects(spec, 'containers');
  errs.push(...validateContainers(containers, path.child('containers'), ctx));
  errs.push(...validateInitContainers(objects(spec, 'initContainers'), containers, path.child('initContainers'), ctx));
  errs.push(...validateEphemeralContainers(spec, path.child('ephemeralContainers'), ctx));
  errs.push(...validatePodResources(spec, claimNames, path.child('resources'), opts));
  return [...errs, ...validateSpecSettings(spec, path, opts)];
}

