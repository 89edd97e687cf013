// CSIDriver validation: upstream's ValidateCSIDriver / ValidateCSIDriverUpdate. The
// attach and lifecycle-mode settings never change. (Upstream names the attach field's
// path `attachedRequired`, and so does kubets.)

import { duplicate, invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { has, objects, objOrEmpty, optNum, optStr, str, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { goPointer } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';

const SPEC = root('spec');
const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];
const MIN_TOKEN_SECONDS = 10 * 60;
const MAX_TOKEN_SECONDS = 2 ** 32;
const MIN_ALLOCATABLE_UPDATE_PERIOD = 10;

/** Fields defaulting always fills; a missing one means defaulting did not run. */
const REQUIRED_BOOLEANS: ReadonlyArray<readonly [field: string, pathName: string]> = [
  ['attachRequired', 'attachedRequired'],
  ['podInfoOnMount', 'podInfoOnMount'],
  ['storageCapacity', 'storageCapacity'],
];

function validateTokenRequests(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const audiences = new Set<string>();
  objects(spec, 'tokenRequests').forEach((request, i) => {
    const audience = str(request, 'audience');
    if (audiences.has(audience)) {
      errs.push(duplicate(path.index(i).child('audience'), audience));
      return;
    }
    audiences.add(audience);
    const seconds = optNum(request, 'expirationSeconds');
    if (seconds === undefined) return;
    if (seconds < MIN_TOKEN_SECONDS) errs.push(invalid(path.index(i).child('expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
    if (seconds > MAX_TOKEN_SECONDS) errs.push(invalid(path.index(i).child('expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
  });
  return errs;
}

function validateSpec(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const [field, pathName] of REQUIRED_BOOLEANS) {
    if (!has(spec, field)) errs.push(required(path.child(pathName), ''));
  }
  const fsGroupPolicy = optStr(spec, 'fsGroupPolicy');
  if (fsGroupPolicy !== undefined && !FS_GROUP_POLICIES.includes(fsGroupPolicy)) {
    errs.push(notSupported(path.child('fsGroupPolicy'), fsGroupPolicy, FS_GROUP_POLICIES));
  }
  errs.push(...validateTokenRequests(spec, path.child('tokenRequests')));
  for (const mode of strings(spec, 'volumeLifecycleModes')) {
    if (!LIFECYCLE_MODES.includes(mode)) errs.push(notSupported(path.child('volumeLifecycleModes'), mode, LIFECYCLE_MODES));
  }
  if (!has(spec, 'seLinuxMount')) errs.push(required(path.child('seLinuxMount'), ''));
  const period = optNum(spec, 'nodeAllocatableUpdatePeriodSeconds');
  if (period !== undefined && period < MIN_ALLOCATABLE_UPDATE_PERIOD) {
    errs.push(invalid(path.child('nodeAllocatableUpdatePeriodSeconds'), period, 'must be greater than or equal to 10 seconds'));
  }
  return errs;
}

export const csiDriverValidator: ResourceValidator = {
  validate: (driver) => [...validateObjectMetaOf(driver, false, nameIsDNSSubdomain), ...validateSpec(objOrEmpty(driver, 'spec'), SPEC)],
  validateUpdate: (driver: ApiObject, old: ApiObject) => {
    const [spec, oldSpec] = [objOrEmpty(driver, 'spec'), objOrEmpty(old, 'spec')];
    return [
      ...validateObjectMetaUpdateOf(driver, old),
      ...validateSpec(spec, SPEC),
      ...validateImmutableField(goPointer(spec.attachRequired), goPointer(oldSpec.attachRequired), SPEC.child('attachedRequired')),
      ...validateImmutableField(spec.volumeLifecycleModes ?? null, oldSpec.volumeLifecycleModes ?? null, SPEC.child('volumeLifecycleModes')),
    ];
  },
};
