// The core/v1 ReplicationController fields the controller reads and writes: a ReplicaSet
// whose selector is a plain label map (defaulted by the API server from the template labels).

import type { ReplicatedObject } from '../replicaset/types.js';

export const REPLICATION_CONTROLLERS = { group: '', version: 'v1', resource: 'replicationcontrollers' } as const;

export interface ReplicationController extends ReplicatedObject {
  spec?: NonNullable<ReplicatedObject['spec']> & { selector?: Record<string, string> };
}
