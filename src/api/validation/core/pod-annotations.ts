// Annotations with meaning for pods: mirror pods, legacy tolerations, deletion cost, and
// the deprecated seccomp and AppArmor annotations, which must agree with the fields
// (upstream's ValidatePodSpecificAnnotations and friends).

import { forbidden, invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goQuote } from '../../../machinery/go-format.js';
import { asObject, obj, objects, str, type Json } from '../common/json.js';
import { validateLocalDescendingPath } from './paths.js';
import { invalidDeletionCost, type PodValidationOptions } from './pod-options.js';
import { validateTolerations } from './scheduling.js';
import { containersWithPaths } from './windows-options.js';

export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const TOLERATIONS_ANNOTATION = 'scheduler.alpha.kubernetes.io/tolerations';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function validateSeccompProfileAnnotation(value: string, path: FieldPath): FieldErrorList {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return [];
  if (value.startsWith('localhost/')) return validateLocalDescendingPath(value.slice('localhost/'.length), path);
  return [invalid(path, value, 'must be a valid seccomp profile')];
}

function hasContainer(spec: Json, name: string): boolean {
  return ['initContainers', 'containers', 'ephemeralContainers'].some((key) => objects(spec, key).some((c) => str(c, 'name') === name));
}

function legacyTolerations(value: string, path: FieldPath): FieldErrorList {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    return [invalid(path, TOLERATIONS_ANNOTATION, (e as Error).message)];
  }
  const list = Array.isArray(parsed) ? parsed.map((t) => asObject(t) ?? {}) : [];
  return list.length > 0 ? validateTolerations(list, path.child(TOLERATIONS_ANNOTATION)) : [];
}

/** The pod annotations upstream gives meaning to; `path` is `metadata.annotations` (or a template's). */
export function validatePodSpecificAnnotations(
  annotations: Record<string, string>,
  spec: Json,
  path: FieldPath,
  opts: PodValidationOptions,
): FieldErrorList {
  const errs: FieldErrorList = [];
  const mirror = annotations[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && str(spec, 'nodeName') === '') {
    errs.push(invalid(path.key(MIRROR_POD_ANNOTATION), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const tolerations = annotations[TOLERATIONS_ANNOTATION] ?? '';
  if (tolerations !== '') errs.push(...legacyTolerations(tolerations, path));
  if (!opts.allowInvalidPodDeletionCost && invalidDeletionCost(annotations)) {
    errs.push(invalid(path.key(DELETION_COST_ANNOTATION), annotations[DELETION_COST_ANNOTATION] ?? '', 'must be a 32bit integer'));
  }
  const seccompPod = annotations[SECCOMP_POD_ANNOTATION];
  if (seccompPod !== undefined) errs.push(...validateSeccompProfileAnnotation(seccompPod, path.child(SECCOMP_POD_ANNOTATION)));
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(SECCOMP_CONTAINER_PREFIX)) errs.push(...validateSeccompProfileAnnotation(value, path.child(key)));
  }
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(APPARMOR_CONTAINER_PREFIX)) continue;
    const container = key.slice(APPARMOR_CONTAINER_PREFIX.length);
    if (!hasContainer(spec, container)) errs.push(invalid(path.key(key), container, 'container not found'));
    if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/')) {
      errs.push(invalid(path.key(key), value, `invalid AppArmor profile name: ${goQuote(value)}`));
    }
  }
  return errs;
}

/** On update: AppArmor and mirror-pod annotations may be neither added, changed nor removed. */
export function validatePodSpecificAnnotationUpdates(
  annotations: Record<string, string>,
  oldAnnotations: Record<string, string>,
  spec: Json,
  path: FieldPath,
  opts: PodValidationOptions,
): FieldErrorList {
  const errs: FieldErrorList = [];
  const guarded = (k: string): boolean => k.startsWith(APPARMOR_CONTAINER_PREFIX) || k === MIRROR_POD_ANNOTATION;
  for (const [k, oldValue] of Object.entries(oldAnnotations)) {
    if (annotations[k] === oldValue || !guarded(k)) continue;
    const what = k === MIRROR_POD_ANNOTATION ? 'mirror pod annotation' : 'AppArmor annotations';
    errs.push(forbidden(path.key(k), `may not remove or update ${what}`));
  }
  for (const k of Object.keys(annotations)) {
    if (Object.hasOwn(oldAnnotations, k) || !guarded(k)) continue;
    errs.push(forbidden(path.key(k), `may not add ${k === MIRROR_POD_ANNOTATION ? 'mirror pod annotation' : 'AppArmor annotations'}`));
  }
  return [...errs, ...validatePodSpecificAnnotations(annotations, spec, path, opts)];
}

/** Whether a seccomp annotation value says what the field says. */
function seccompMatch(annotation: string, field: Json, path: FieldPath): FieldErrorList {
  const type = str(field, 'type');
  const mismatch = [forbidden(path.child('type'), 'seccomp type in annotation and field must match')];
  if (type === 'Unconfined') return annotation === 'unconfined' ? [] : mismatch;
  if (type === 'RuntimeDefault') return annotation === 'runtime/default' || annotation === 'docker/default' ? [] : mismatch;
  if (type !== 'Localhost') return [];
  if (!annotation.startsWith('localhost/')) return mismatch;
  const local = field.localhostProfile;
  return local === annotation.slice('localhost/'.length) ? [] : [forbidden(path.child('localhostProfile'), 'seccomp profile in annotation and field must match')];
}

/** Where both a seccomp annotation and the seccompProfile field are set, they agree. */
export function validateSeccompAnnotationsAndFields(annotations: Record<string, string>, spec: Json, specPath: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const podProfile = obj(obj(spec, 'securityContext'), 'seccompProfile');
  const podAnnotation = annotations[SECCOMP_POD_ANNOTATION];
  if (podProfile !== undefined && podAnnotation !== undefined) {
    errs.push(...seccompMatch(podAnnotation, podProfile, specPath.child('securityContext', 'seccompProfile')));
  }
  for (const [c, cPath] of containersWithPaths(spec, specPath)) {
    const profile = obj(obj(c, 'securityContext'), 'seccompProfile');
    const annotation = annotations[SECCOMP_CONTAINER_PREFIX + str(c, 'name')];
    if (profile !== undefined && annotation !== undefined) errs.push(...seccompMatch(annotation, profile, cPath.child('securityContext', 'seccompProfile')));
  }
  return errs;
}

function appArmorMatch(annotation: string, profile: Json, path: FieldPath): FieldErrorList {
  const type = str(profile, 'type');
  const mismatch = [forbidden(path.child('type'), 'apparmor type in annotation and field must match')];
  if (type === 'Unconfined') return annotation === 'unconfined' ? [] : mismatch;
  if (type === 'RuntimeDefault') return annotation === 'runtime/default' ? [] : mismatch;
  if (type !== 'Localhost') return [];
  if (!annotation.startsWith('localhost/')) return mismatch;
  const local = profile.localhostProfile;
  return local === annotation.slice('localhost/'.length) ? [] : [forbidden(path.child('localhostProfile'), 'apparmor profile in annotation and field must match')];
}

/** Where an AppArmor annotation and the effective appArmorProfile of a container are both set, they agree (not for Windows pods). */
export function validateAppArmorAnnotationsAndFields(annotations: Record<string, string>, spec: Json, specPath: FieldPath): FieldErrorList {
  if (str(obj(spec, 'os'), 'name') === 'windows') return [];
  const podProfile = obj(obj(spec, 'securityContext'), 'appArmorProfile');
  const errs: FieldErrorList = [];
  for (const [c, cPath] of containersWithPaths(spec, specPath)) {
    const profile = obj(obj(c, 'securityContext'), 'appArmorProfile') ?? podProfile;
    const annotation = annotations[APPARMOR_CONTAINER_PREFIX + str(c, 'name')];
    if (profile !== undefined && annotation !== undefined) errs.push(...appArmorMatch(annotation, profile, cPath.child('securityContext', 'appArmorProfile')));
  }
  return errs;
}
