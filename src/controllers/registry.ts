// Every controller kubets runs, under upstream's canonical names (those of
// kube-controller-manager's --controllers since 1.31) and the older short aliases.
// Adding a controller is one entry here.

import type { Controller, ControllerContext } from './base/context.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { DisruptionController } from './disruption/disruption-controller.js';
import { JobController } from './job/job-controller.js';
import { PersistentVolumeBinderController } from './persistentvolume/persistent-volume-binder-controller.js';
import { PvcProtectionController } from './pvcprotection/pvc-protection-controller.js';
import { PvProtectionController } from './pvprotection/pv-protection-controller.js';
import { ReplicationControllerController } from './replicationcontroller/replication-controller-controller.js';
import { CronJobController } from './cronjob/cronjob-controller.js';
import { TtlAfterFinishedController } from './ttlafterfinished/ttl-after-finished-controller.js';
import { StatefulSetController } from './statefulset/statefulset-controller.js';
import { DaemonSetController } from './daemonset/daemonset-controller.js';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from './tainteviction/taint-eviction-controller.js';
import { PodGcController } from './podgc/pod-gc-controller.js';
import { NodeIpamController } from './nodeipam/node-ipam-controller.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { EndpointSliceController } from './endpointslice/endpointslice-controller.js';
import { GarbageCollector } from './garbagecollector/garbage-collector.js';
import { NamespaceController } from './namespace/namespace-controller.js';
import { ReplicaSetController } from './replicaset/replica-set-controller.js';
import { RootCaCertPublisher } from './rootcacertpublisher/publisher.js';
import { ServiceAccountController } from './serviceaccount/serviceaccount-controller.js';
import { CsrSigningController } from './csrsigning/csr-signing-controller.js';

export interface ControllerDescriptor {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Left out of `*` (upstream's disabled-by-default set, e.g. bootstrap-signer). */
  readonly disabledByDefault?: boolean;
  /** Needs the cluster CA; skipped (with a warning) when the manager has none. */
  readonly needsRootCa?: boolean;
  /** Needs the cluster signing CA and key; skipped (with a warning) when the manager has none. */
  readonly needsClusterSigning?: boolean;
  /** Registers informers and handlers; no request is sent until run(). */
  construct(ctx: ControllerContext): Controller;
}

export const CONTROLLERS: readonly ControllerDescriptor[] = [
  { name: 'namespace-controller', aliases: ['namespace'], construct: (ctx) => new NamespaceController(ctx) },
  { name: 'serviceaccount-controller', aliases: ['serviceaccount'], construct: (ctx) => new ServiceAccountController(ctx) },
  { name: 'root-ca-certificate-publisher-controller', aliases: ['root-ca-cert-publisher'], needsRootCa: true, construct: (ctx) => new RootCaCertPublisher(ctx) },
  { name: 'garbage-collector-controller', aliases: ['garbagecollector'], construct: (ctx) => new GarbageCollector(ctx) },
  { name: 'replicaset-controller', aliases: ['replicaset'], construct: (ctx) => new ReplicaSetController(ctx) },
  { name: 'replicationcontroller-controller', aliases: ['replicationcontroller'], construct: (ctx) => new ReplicationControllerController(ctx) },
  { name: 'deployment-controller', aliases: ['deployment'], construct: (ctx) => new DeploymentController(ctx) },
  { name: 'endpoints-controller', aliases: ['endpoint'], construct: (ctx) => new EndpointsController(ctx) },
  { name: 'endpointslice-controller', aliases: ['endpointslice'], construct: (ctx) => new EndpointSliceController(ctx) },
  { name: 'disruption-controller', aliases: ['disruption'], construct: (ctx) => new DisruptionController(ctx) },
  { name: 'job-controller', aliases: ['job'], construct: (ctx) => new JobController(ctx) },
  { name: 'cronjob-controller', aliases: ['cronjob'], construct: (ctx) => new CronJobController(ctx) },
  { name: 'ttl-after-finished-controller', aliases: ['ttl-after-finished'], construct: (ctx) => new TtlAfterFinishedController(ctx) },
  { name: 'statefulset-controller', aliases: ['statefulset'], construct: (ctx) => new StatefulSetController(ctx) },
  { name: 'daemonset-controller', aliases: ['daemonset'], construct: (ctx) => new DaemonSetController(ctx) },
  { name: 'node-lifecycle-controller', aliases: ['nodelifecycle'], construct: (ctx) => new NodeLifecycleController(ctx) },
  { name: 'taint-eviction-controller', aliases: [], construct: (ctx) => new TaintEvictionController(ctx) },
  { name: 'pod-garbage-collector-controller', aliases: ['podgc'], construct: (ctx) => new PodGcController(ctx) },
  { name: 'persistentvolume-binder-controller', aliases: ['persistentvolume-binder'], construct: (ctx) => new PersistentVolumeBinderController(ctx) },
  { name: 'persistentvolumeclaim-protection-controller', aliases: ['pvc-protection'], construct: (ctx) => new PvcProtectionController(ctx) },
  { name: 'persistentvolume-protection-controller', aliases: ['pv-protection'], construct: (ctx) => new PvProtectionController(ctx) },
  { name: 'node-ipam-controller', aliases: ['nodeipam'], construct: (ctx) => new NodeIpamController(ctx) },
  { name: 'certificatesigningrequest-signing-controller', aliases: ['csrsigning'], needsClusterSigning: true, construct: (ctx) => new CsrSigningController(ctx) },
];

/** Thrown when --controllers names a controller that does not exist. */
export class UnknownControllerError extends Error {
  constructor(readonly controller: string) {
    super(`"${controller}" is not in the list of known controllers: ${CONTROLLERS.map((c) => c.name).join(', ')}`);
    this.name = 'UnknownControllerError';
  }
}

function canonical(name: string): string {
  const found = CONTROLLERS.find((c) => c.name === name || c.aliases.includes(name));
  if (found === undefined) throw new UnknownControllerError(name);
  return found.name;
}

/**
 * The descriptors `selection` enables, in registry order, with upstream's rules: the first
 * entry naming a controller decides (`name` on, `-name` off); otherwise `*` turns on every
 * controller not disabled by default. Aliases count as their canonical name.
 */
export function selectControllers(selection: readonly string[]): ControllerDescriptor[] {
  const entries = selection.map((entry) => {
    if (entry === '*') return { star: true, name: '', on: true };
    const off = entry.startsWith('-');
    return { star: false, name: canonical(off ? entry.slice(1) : entry), on: !off };
  });
  const hasStar = entries.some((e) => e.star);
  return CONTROLLERS.filter((descriptor) => {
    const decided = entries.find((e) => !e.star && e.name === descriptor.name);
    if (decided !== undefined) return decided.on;
    return hasStar && descriptor.disabledByDefault !== true;
  });
}
