// An update through pods/resize (upstream's ValidatePodResize, default feature gates): the
// pod must still be valid; only cpu and memory requests and limits of containers (and of
// sidecar init containers) change, and resize policies; nothing is removed; the QoS class
// stays; containers keep their names and order; static, Windows, pod-level-resourced
// pods and pods on nodes that do not report container resources cannot be resized.

import { forbidden, invalid, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { qosClassOf, type PodSpecForQos } from '../../core/qos.js';
import { obj, objects, objOrEmpty, str, stringMap, type Json } from '../common/json.js';
import { validateObjectMetaUpdateOf } from '../common/meta.js';
import { MIRROR_POD_ANNOTATION } from './pod-annotations.js';
import { podValidationOptions } from './pod-options.js';
import { validatePodMetadataAndSpec } from './pod.js';

const SPEC = root('spec');
const NOWHERE = root('');
const LISTS = ['containers', 'initContainers'] as const;

function podLevelResourcesSet(spec: Json): boolean {
  const resources = obj(spec, 'resources');
  return Object.keys(stringMap(resources, 'requests')).length + Object.keys(stringMap(resources, 'limits')).length > 0;
}

/** Nodes that resize report each running container's resources; older ones do not. */
function nodeSupportsResize(pod: ApiObject): boolean {
  const running = objects(obj(pod, 'status'), 'containerStatuses').find((s) => obj(obj(s, 'state'), 'running') !== undefined);
  return running === undefined || obj(running, 'resources') !== undefined;
}

function orderingErrors(spec: Json, oldSpec: Json): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const list of LISTS) {
    const next = objects(spec, list);
    const prev = objects(oldSpec, list);
    if (next.length !== prev.length) {
      errs.push(forbidden(SPEC.child(list), `${list} may not be added or removed on resize`));
      continue;
    }
    prev.forEach((c, i) => {
      if (str(next[i], 'name') !== str(c, 'name')) errs.push(forbidden(SPEC.child(list).index(i).child('name'), `${list} may not be renamed or reordered on resize`));
    });
  }
  return errs;
}

/** Some resource the old list had is missing from the new one. */
function removed(next: Record<string, string>, prev: Record<string, string>): boolean {
  return Object.keys(prev).some((name) => !Object.hasOwn(next, name));
}

function removalErrors(container: Json, old: Json, path: FieldPath): FieldErrorList {
  const [resources, oldResources] = [obj(container, 'resources'), obj(old, 'resources')];
  const errs: FieldErrorList = [];
  if (removed(stringMap(resources, 'requests'), stringMap(oldResources, 'requests'))) errs.push(forbidden(path.child('requests'), 'resource requests cannot be removed'));
  if (removed(stringMap(resources, 'limits'), stringMap(oldResources, 'limits'))) errs.push(forbidden(path.child('limits'), 'resource limits cannot be removed'));
  return errs;
}

/** `list` with cpu and memory as in `old` (absent where `old` had none). */
function withOldCpuMemory(list: Record<string, string> | undefined, old: Record<string, string> | undefined): Record<string, string> | undefined {
  if (list === undefined && old === undefined) return undefined;
  const out: Record<string, string> = { ...(list ?? {}) };
  for (const name of ['cpu', 'memory']) {
    const previous = old?.[name];
    if (previous === undefined) delete out[name];
    else out[name] = previous;
  }
  return out;
}

/** The container with its cpu and memory set back to the old container's. */
function withoutCpuMemoryChanges(container: Json, old: Json): Json {
  const resources = obj(container, 'resources');
  const oldResources = obj(old, 'resources');
  const out: Json = { ...resources };
  const requests = withOldCpuMemory(obj(resources, 'requests') as Record<string, string> | undefined, obj(oldResources, 'requests') as Record<string, string> | undefined);
  const limits = withOldCpuMemory(obj(resources, 'limits') as Record<string, string> | undefined, obj(oldResources, 'limits') as Record<string, string> | undefined);
  if (requests === undefined) delete out.requests;
  else out.requests = requests;
  if (limits === undefined) delete out.limits;
  else out.limits = limits;
  return { ...container, resources: out };
}

/** What changes beyond cpu and memory (and, for init containers, their resize rules). */
function mutabilityErrors(spec: Json, oldSpec: Json): [FieldErrorList, Json] {
  const errs: FieldErrorList = [];
  const munged: Json = { ...spec };
  const oldContainers = objects(oldSpec, 'containers');
  munged.containers = objects(spec, 'containers').map((c, i) => {
    const dropped = withoutCpuMemoryChanges(c, oldContainers[i] ?? {});
    if (!semanticDeepEqual(dropped, oldContainers[i])) errs.push(forbidden(SPEC, 'only cpu and memory resources are mutable'));
    return dropped;
  });
  if (spec.initContainers !== undefined) {
    const oldInit = objects(oldSpec, 'initContainers');
    munged.initContainers = objects(spec, 'initContainers').map((c, i) => {
      const old = oldInit[i] ?? {};
      const path = SPEC.child('initContainers').index(i);
      const dropped = withoutCpuMemoryChanges(c, old);
      if (!semanticDeepEqual(dropped, old)) errs.push(forbidden(path, 'only cpu and memory resources for init or sidecar containers are mutable'));
      const sidecar = str(c, 'restartPolicy') === 'Always';
      const restarts = objects(dropped, 'resizePolicy').some((p) => str(p, 'restartPolicy') === 'RestartContainer');
      if (!semanticDeepEqual(c, old) && !sidecar && restarts) {
        errs.push(forbidden(path, 'non-sidecar init containers with a resize policy of RestartContainer cannot be resized'));
      }
      return dropped;
    });
  }
  return [errs, munged];
}

export function validatePodResize(pod: ApiObject, old: ApiObject): FieldErrorList {
  const spec = objOrEmpty(pod, 'spec');
  const oldSpec = objOrEmpty(old, 'spec');
  const opts = podValidationOptions(true, { spec: oldSpec, meta: old.metadata });
  const errs = [...validateObjectMetaUpdateOf(pod, old), ...validatePodMetadataAndSpec(pod, opts)];
  if (podLevelResourcesSet(oldSpec) || podLevelResourcesSet(spec)) return [forbidden(NOWHERE, 'pods with pod-level resources cannot be resized')];
  if (Object.hasOwn(stringMap(old.metadata, 'annotations'), MIRROR_POD_ANNOTATION)) return [forbidden(NOWHERE, 'static pods cannot be resized')];
  if (str(obj(oldSpec, 'os'), 'name') === 'windows') return [forbidden(NOWHERE, 'windows pods cannot be resized')];

  const oldQos = str(obj(old, 'status'), 'qosClass') || qosClassOf(oldSpec as PodSpecForQos);
  if (oldQos !== qosClassOf(spec as PodSpecForQos)) {
    errs.push(invalid(SPEC, str(obj(pod, 'status'), 'qosClass'), 'Pod QOS Class may not change as a result of resizing'));
  }
  if (!nodeSupportsResize(old)) errs.push(forbidden(SPEC, 'Pod running on node without support for resize'));
  const ordering = orderingErrors(spec, oldSpec);
  if (ordering.length > 0) return [...errs, ...ordering];

  for (const list of LISTS) {
    const prev = objects(oldSpec, list);
    objects(spec, list).forEach((c, i) => errs.push(...removalErrors(c, prev[i] ?? {}, SPEC.child(list).index(i).child('resources'))));
  }
  const [mutability, munged] = mutabilityErrors(spec, oldSpec);
  errs.push(...mutability);
  if (errs.length > 0) return errs;
  return semanticDeepEqual(munged, oldSpec) ? [] : [forbidden(SPEC, 'only cpu and memory resources are mutable')];
}
