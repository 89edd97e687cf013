// An update through pods/ephemeralcontainers (upstream's ValidatePodEphemeralContainersUpdate):
// the pod must still be valid, and ephemeral containers may only be added: an existing one
// may be neither removed nor changed. Static (mirror) pods take none.

import { forbidden, root, type FieldErrorList } from '../../../machinery/field-errors.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { objects, objOrEmpty, str, stringMap } from '../common/json.js';
import { validateObjectMetaUpdateOf } from '../common/meta.js';
import { MIRROR_POD_ANNOTATION, validatePodSpecificAnnotationUpdates } from './pod-annotations.js';
import { podValidationOptions } from './pod-options.js';
import { validatePodMetadataAndSpec } from './pod.js';
import { specDiff } from './spec-diff.js';

const EPHEMERAL = root('spec', 'ephemeralContainers');

export function validatePodEphemeralContainersUpdate(pod: ApiObject, old: ApiObject): FieldErrorList {
  const spec = objOrEmpty(pod, 'spec');
  const oldSpec = objOrEmpty(old, 'spec');
  const opts = podValidationOptions(true, { spec: oldSpec, meta: old.metadata });
  const annotations = stringMap(pod.metadata, 'annotations');
  const oldAnnotations = stringMap(old.metadata, 'annotations');
  const errs = [
    ...validateObjectMetaUpdateOf(pod, old),
    ...validatePodMetadataAndSpec(pod, opts),
    ...validatePodSpecificAnnotationUpdates(annotations, oldAnnotations, spec, root('metadata', 'annotations'), opts),
  ];
  // Upstream reports this alone, at the empty path.
  if (Object.hasOwn(oldAnnotations, MIRROR_POD_ANNOTATION)) return [forbidden(root(''), 'static pods do not support ephemeral containers')];
  // A patch may reorder the list, so containers are matched by name.
  const byName = new Map(objects(spec, 'ephemeralContainers').map((c) => [str(c, 'name'), c]));
  for (const previous of objects(oldSpec, 'ephemeralContainers')) {
    const name = str(previous, 'name');
    const current = byName.get(name);
    if (current === undefined) {
      errs.push(forbidden(EPHEMERAL, `existing ephemeral containers ${JSON.stringify(name)} may not be removed\n`));
    } else if (!semanticDeepEqual(previous, current)) {
      errs.push(forbidden(EPHEMERAL.key(name), `existing ephemeral containers ${JSON.stringify(name)} may not be changed\n${specDiff(previous, current)}`));
    }
  }
  return errs;
}
