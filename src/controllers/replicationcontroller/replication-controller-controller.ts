// The ReplicationController controller (upstream's pkg/controller/replication): the
// ReplicaSet controller's code run on core/v1 ReplicationControllers. The only difference
// is the selector: a label map, read as equality requirements; the template labels stand in
// for an empty one, as the API server's defaulting does.

import { labelSelectorFromSet, type LabelSelector } from '../../machinery/label-selector.js';
import type { ControllerContext } from '../base/context.js';
import { ReplicaController } from '../replicaset/replica-set-controller.js';
import type { ReplicatedKind } from '../replicaset/types.js';
import { REPLICATION_CONTROLLERS, type ReplicationController } from './types.js';

/** An RC's selector; undefined when empty with no template labels, which would match every pod. */
export function rcSelector(rc: ReplicationController): LabelSelector | undefined {
  const set = rc.spec?.selector;
  const labels = set !== undefined && Object.keys(set).length > 0 ? set : rc.spec?.template?.metadata?.labels;
  if (labels === undefined || Object.keys(labels).length === 0) return undefined;
  return labelSelectorFromSet(labels);
}

export const REPLICATION_CONTROLLER_KIND: ReplicatedKind<ReplicationController> = {
  controllerName: 'replicationcontroller-controller',
  resource: REPLICATION_CONTROLLERS,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  selectorOf: rcSelector,
};

export class ReplicationControllerController extends ReplicaController<ReplicationController> {
  constructor(ctx: ControllerContext) {
    super(ctx, REPLICATION_CONTROLLER_KIND);
  }
}
