// RuntimeClass validation: upstream's ValidateRuntimeClass / ValidateRuntimeClassUpdate
// (with apimachinery's metadata checks). The handler is a DNS label that never changes;
// the overhead is checked as container limits, the scheduling constraints as a pod's.

import { duplicate, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import { isDNS1123Label, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import {
  validateImmutableField, validateLabels, validateObjectMeta, validateObjectMetaUpdate,
} from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { asObject, has, obj, objects, str, stringMap, type Json } from '../common/json.js';
import { checkWith } from '../common/names.js';
import { STRICT_POD_OPTIONS } from '../core/pod-options.js';
import { validateOverhead } from '../core/resources.js';
import { validateTolerations } from '../core/scheduling.js';
import { goPointer } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';

const METADATA = root('metadata');

/** The internal Toleration as upstream prints it (Go field names). */
function goToleration(t: Json): Json {
  return {
    Key: str(t, 'key'),
    Operator: str(t, 'operator'),
    Value: str(t, 'value'),
    Effect: str(t, 'effect'),
    TolerationSeconds: goPointer(t.tolerationSeconds),
  };
}

function validateSchedulingTolerations(tolerations: Json[], path: FieldPath): FieldErrorList {
  // Upstream descends to "tolerations" twice for the per-toleration checks.
  const errs = validateTolerations(tolerations, path.child('tolerations'));
  const seen = new Set<string>();
  tolerations.forEach((t, i) => {
    const key = JSON.stringify([str(t, 'key'), str(t, 'operator'), str(t, 'value'), str(t, 'effect')]);
    if (seen.has(key)) errs.push(duplicate(path.index(i), goToleration(t)));
    seen.add(key);
  });
  return errs;
}

function validateScheduling(scheduling: Json | undefined, path: FieldPath): FieldErrorList {
  if (scheduling === undefined) return [];
  const errs = has(scheduling, 'nodeSelector') ? validateLabels(stringMap(scheduling, 'nodeSelector'), path.child('nodeSelector')) : [];
  return [...errs, ...validateSchedulingTolerations(objects(scheduling, 'tolerations'), path.child('tolerations'))];
}

function validateRuntimeClass(rc: ApiObject): FieldErrorList {
  const errs = [
    ...validateObjectMeta(rc.metadata as ObjectMeta, false, nameIsDNSSubdomain, METADATA),
    ...checkWith(isDNS1123Label, str(rc, 'handler'), root('handler')),
  ];
  const overhead = obj(rc, 'overhead');
  if (overhead !== undefined) errs.push(...validateOverhead(asObject(overhead.podFixed) ?? {}, root('overhead'), STRICT_POD_OPTIONS));
  return [...errs, ...validateScheduling(obj(rc, 'scheduling'), root('scheduling'))];
}

export const runtimeClassValidator: ResourceValidator = {
  validate: validateRuntimeClass,
  validateUpdate: (rc, old) => [
    ...validateRuntimeClass(rc),
    ...validateObjectMetaUpdate(rc.metadata as ObjectMeta, old.metadata as ObjectMeta, METADATA),
    ...validateImmutableField(str(rc, 'handler'), str(old, 'handler'), root('handler')),
  ],
};
