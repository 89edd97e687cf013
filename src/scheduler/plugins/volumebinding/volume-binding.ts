// VolumeBinding (upstream's plugins/volumebinding): a pod's PersistentVolumeClaims must be
// bound or bindable on the node.
//
//   PreFilter  no claims ─▶ Skip │ a claim missing or being deleted ─▶ unresolvable
//              an unbound claim of an Immediate class ─▶ unresolvable (the binder acts first)
//   Filter     bound claims: their volumes' node affinity must admit the node
//              unbound WaitForFirstConsumer claims: an Available volume that fits (on this
//              node), else a class with a provisioner; the choice is kept per node
//   Reserve    the chosen node's volumes are assumed, so the next pod does not pick them
//   PreBind    static choice ─▶ the volume's claimRef names the claim; provisioning ─▶ the
//              claim gets volume.kubernetes.io/selected-node; then wait (bindTimeoutSeconds)
//              until the persistentvolume binder has bound those claims
//   Unreserve  the assumed volumes are released

import type { Client, Clock, Lister, Node, Pod } from '../../../client/index.js';
import { hinted, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreBindPlugin, PreFilterPlugin, ReservePlugin } from '../../framework/interfaces.js';
import { podKey } from '../../framework/types.js';
import { BindWaiter } from './bind-waiter.js';
import { findVolumeForClaim, volumeFitsNode } from './matching.js';
import {
  ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, NO_PROVISIONER, PVCS, PVS, claimsOfPod, isClaimBound, isClaimOfPod,
  type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './types.js';

export const NAME = 'VolumeBinding';
export const UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
const STATE_KEY = `PreFilter${NAME}`;

/** What the plugin reads and writes; the scheduler passes its informers' listers. */
export interface VolumeBindingDeps {
  readonly claims: Lister<PersistentVolumeClaim>;
  readonly volumes: Lister<PersistentVolume>;
  readonly classes: Lister<StorageClass>;
  /** Registers the function the claims informer calls on every added or changed claim. */
  onClaimChange(fn: (claim: PersistentVolumeClaim) => void): void;
  readonly client: Client;
  readonly clock: Clock;
  /** How long PreBind waits for the binder (upstream's bindTimeoutSeconds, default 600). */
  readonly bindTimeoutMs: number;
}

/** Per node: the volumes chosen for the pod's unbound claims, and the claims left to provision. */
interface NodeChoice {
  readonly staticBindings: { claim: PersistentVolumeClaim; volume: PersistentVolume }[];
  readonly provision: PersistentVolumeClaim[];
}

interface PodClaims {
  /** Claims naming a volume already. */
  readonly bound: PersistentVolumeClaim[];
  /** Unbound claims of WaitForFirstConsumer classes. */
  readonly toBind: PersistentVolumeClaim[];
  readonly choices: Map<string, NodeChoice>;
}

function delayBinding(claim: PersistentVolumeClaim, classes: Lister<StorageClass>): boolean | Status {
  const className = claim.spec?.storageClassName ?? '';
  if (className === '') return false;
  const sc = classes.get(className);
  if (sc === undefined) return Status.error(`storageclass.storage.k8s.io "${className}" not found`);
  return sc.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The pod's claims, sorted into bound and to-bind, or the status that rejects the pod. */
function podClaims(pod: Pod, deps: VolumeBindingDeps): PodClaims | Status {
  const namespace = pod.metadata?.namespace ?? 'default';
  const out: PodClaims = { bound: [], toBind: [], choices: new Map() };
  let unboundImmediate = false;
  for (const use of claimsOfPod(pod)) {
    const claim = deps.claims.namespace(namespace).get(use.claimName);
    if (claim === undefined) return Status.unresolvable(`persistentvolumeclaim "${use.claimName}" not found`);
    if (claim.metadata?.deletionTimestamp !== undefined) return Status.unresolvable(`persistentvolumeclaim "${use.claimName}" is being deleted`);
    if (use.ephemeral && !(claim.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata?.uid)) {
      return Status.unresolvable(`PVC ${namespace}/${use.claimName} was not created for pod ${podKey(pod)} (pod is not owner)`);
    }
    if ((claim.spec?.volumeName ?? '') !== '') {
      out.bound.push(claim);
      continue;
    }
    const delay = delayBinding(claim, deps.classes);
    if (delay instanceof Status) return delay;
    if (delay) out.toBind.push(claim);
    else unboundImmediate = true;
  }
  if (unboundImmediate) return Status.unresolvable(UNBOUND_IMMEDIATE);
  return out;
}

export function volumeBinding(deps: VolumeBindingDeps): PreFilterPlugin & FilterPlugin & ReservePlugin & PreBindPlugin {
  /** Volumes chosen for pods between Reserve and the end of PreBind: volume → pod key. */
  const assumed = new Map<string, string>();
  const waiter = new BindWaiter(deps.clock, isClaimBound);
  deps.onClaimChange((claim) => waiter.notify(claim));

  const chooseOnNode = (s: PodClaims, pod: Pod, node: Node): NodeChoice | Status => {
    for (const claim of s.bound) {
      const volume = deps.volumes.get(claim.spec!.volumeName!);
      if (volume === undefined) return Status.unresolvable(PV_NOT_EXIST);
      if (!volumeFitsNode(volume, node)) return Status.unresolvable(NODE_CONFLICT);
    }
    const key = podKey(pod);
    const taken = new Set([...assumed].filter(([, owner]) => owner !== key).map(([pv]) => pv));
    const choice: NodeChoice = { staticBindings: [], provision: [] };
    const volumes = s.toBind.length === 0 ? [] : deps.volumes.list();
    for (const claim of s.toBind) {
      const volume = findVolumeForClaim(claim, volumes, node, taken);
      if (volume !== undefined) {
        taken.add(volume.metadata?.name ?? '');
        choice.staticBindings.push({ claim, volume });
        continue;
      }
      const provisioner = deps.classes.get(claim.spec?.storageClassName ?? '')?.provisioner ?? NO_PROVISIONER;
      if (provisioner === NO_PROVISIONER || provisioner === '') return Status.unresolvable(BIND_CONFLICT);
      choice.provision.push(claim);
    }
    return choice;
  };

  const release = (pod: Pod): void => {
    const key = podKey(pod);
    for (const [pv, owner] of assumed) if (owner === key) assumed.delete(pv);
  };

  return {
    name: NAME,
    events: [
      ...hinted(isClaimOfPod, on('persistentvolumeclaims', 'Add', 'Update')),
      ...on('persistentvolumes', 'Add', 'Update'),
      ...on('storageclasses', 'Add', 'Update'),
      ...on('nodes', 'Add', 'UpdateNodeLabel', 'UpdateNodeTaint'),
    ],
    preFilter(state, pod) {
      if (claimsOfPod(pod).length === 0) return { status: Status.skip() };
      const claims = podClaims(pod, deps);
      if (claims instanceof Status) return { status: claims };
      state.write(STATE_KEY, claims);
      return { status: Status.success() };
    },
    filter(state, pod, info) {
      const s = state.read<PodClaims>(STATE_KEY);
      if (s === undefined || info.node === undefined) return Status.success();
      const choice = chooseOnNode(s, pod, info.node);
      if (choice instanceof Status) return choice;
      s.choices.set(info.name(), choice);
      return Status.success();
    },
    reserve(state, pod, nodeName) {
      const choice = state.read<PodClaims>(STATE_KEY)?.choices.get(nodeName);
      for (const { volume } of choice?.staticBindings ?? []) assumed.set(volume.metadata?.name ?? '', podKey(pod));
      return Status.success();
    },
    unreserve(_state, pod) {
      release(pod);
    },
    async preBind(state, pod, nodeName) {
      const s = state.read<PodClaims>(STATE_KEY);
      // Claims that name a volume already need nothing more (upstream's "all bound").
      if (s === undefined || s.toBind.length === 0) return Status.success();
      try {
        const choice = s.choices.get(nodeName) ?? { staticBindings: [], provision: [] };
        await writeBindings(deps.client, choice, nodeName);
        const namespace = pod.metadata?.namespace ?? 'default';
        const current = s.toBind.map((c) => deps.claims.namespace(namespace).get(c.metadata?.name ?? '') ?? c);
        await waiter.wait(current, deps.bindTimeoutMs);
        return Status.success();
      } catch (error) {
        return Status.error(error instanceof Error ? error.message : String(error));
      } finally {
        release(pod);
      }
    },
  };
}

/** The API writes of PreBind: volumes pre-bound to their claims, claims marked for provisioning. */
async function writeBindings(client: Client, choice: NodeChoice, nodeName: string): Promise<void> {
  for (const { claim, volume } of choice.staticBindings) {
    const pv = structuredClone(volume);
    pv.metadata = { ...pv.metadata, annotations: { ...pv.metadata?.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' } };
    pv.spec = {
      ...pv.spec,
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata?.namespace, name: claim.metadata?.name, uid: claim.metadata?.uid, resourceVersion: claim.metadata?.resourceVersion },
    };
    await client.resource<PersistentVolume>(PVS).update(pv);
  }
  for (const claim of choice.provision) {
    if (claim.metadata?.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
    const patch = { metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } } };
    await client.resource<PersistentVolumeClaim>(PVCS).namespace(claim.metadata?.namespace ?? 'default').patch(claim.metadata?.name ?? '', 'merge', patch);
  }
}

/** Thrown when VolumeBinding's pluginConfig args are invalid; the message lists every field at fault. */
export class VolumeBindingArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'VolumeBindingArgsError';
  }
}

/**
 * bindTimeoutSeconds from the args (default 600), in ms. `shape` (storage capacity
 * scoring) is refused as upstream refuses it while its feature gate is off: kubets does
 * not score by capacity.
 */
export function bindTimeoutMs(args: Record<string, unknown> | undefined): number {
  const errors: string[] = [];
  const seconds = args?.bindTimeoutSeconds ?? 600;
  if (!Number.isInteger(seconds) || (seconds as number) < 0) errors.push(`bindTimeoutSeconds: Invalid value: ${JSON.stringify(seconds)}: invalid BindTimeoutSeconds, should not be a negative value`);
  if (args?.shape !== undefined && args.shape !== null) errors.push('shape: Invalid value: unexpected field `shape`, remove it or turn on the feature gate StorageCapacityScoring');
  if (errors.length > 0) throw new VolumeBindingArgsError(errors);
  return (seconds as number) * 1000;
}
