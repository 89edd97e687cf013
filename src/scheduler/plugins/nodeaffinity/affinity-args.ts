// NodeAffinityArgs from pluginConfig (upstream's ValidateNodeAffinityArgs): `addedAffinity`,
// a node affinity every pod of the profile gets on top of its own — required terms every
// node must match, preferred terms that add to each node's score. Checked as a pod's node
// affinity is; every problem is reported, each naming its field.

import { validateNodeAffinity } from '../../../api/validation/core/scheduling.js';
import { STRICT_POD_OPTIONS } from '../../../api/validation/core/pod-options.js';
import { FieldPath } from '../../../machinery/field-errors.js';
import type { NodeAffinity } from '../../framework/types.js';

export interface NodeAffinityArgs {
  readonly addedAffinity?: NodeAffinity;
}

/** Thrown when NodeAffinity's pluginConfig args are invalid; the message lists every field at fault. */
export class NodeAffinityArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'NodeAffinityArgsError';
  }
}

export function nodeAffinityArgs(raw: Record<string, unknown> | undefined): NodeAffinityArgs {
  const added = raw?.addedAffinity;
  if (added === undefined || added === null) return {};
  if (typeof added !== 'object' || Array.isArray(added)) throw new NodeAffinityArgsError(['addedAffinity: Invalid value: must be an object']);
  const errors = validateNodeAffinity(added as Record<string, unknown>, STRICT_POD_OPTIONS, FieldPath.root('addedAffinity'));
  if (errors.length > 0) throw new NodeAffinityArgsError(errors.map((e) => e.message));
  return { addedAffinity: added as NodeAffinity };
}
