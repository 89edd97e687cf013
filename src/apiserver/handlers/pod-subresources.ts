// pods/binding (and the bindings resource): assigns a pod to a node, once.
// pods/eviction: deletes a pod unless a PodDisruptionBudget forbids it (429).

import * as errors from '../../machinery/errors.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/label-selector.js';
import { isPlainObject, type KubeObject } from '../object.js';
import { readBody } from '../http/body.js';
import { decodeWithDuplicates } from '../http/decode-body.js';
import { writeObject } from '../http/respond.js';
import { nowTimestamp } from '../registry/time.js';
import type { GenericStore } from '../registry/generic-store.js';
import { isDryRun, type HandlerContext } from './context.js';

interface Condition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

function success(code: number): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code };
}

async function bodyObject(ctx: HandlerContext): Promise<Record<string, unknown>> {
  const { value } = decodeWithDuplicates(await readBody(ctx.req), ctx.req.headers['content-type']);
  if (!isPlainObject(value)) throw errors.badRequest('the body must be an object');
  return value;
}

/** POST pods/{name}/binding, and POST namespaces/{ns}/bindings (the pod named by the body). */
export async function handleBinding(ctx: HandlerContext, pods: GenericStore): Promise<void> {
  const binding = await bodyObject(ctx);
  const meta = (binding.metadata ?? {}) as { name?: string; annotations?: Record<string, string> };
  const name = ctx.info.subresource === 'binding' ? ctx.info.name : (meta.name ?? '');
  const target = (binding.target ?? {}) as { kind?: string; name?: string };
  const qr = { group: '', resource: 'pods/binding' };
  if (!target.name) throw errors.invalid({ group: '', kind: 'Binding' }, name, []);
  if (target.kind && target.kind !== 'Node') {
    throw errors.badRequest(`target kind ${target.kind} is not supported: a pod can only be bound to a Node`);
  }
  await pods.update(
    ctx.info.namespace,
    name,
    (pod) => {
      const spec = (pod.spec ?? {}) as { nodeName?: string };
      if (pod.metadata.deletionTimestamp) {
        throw errors.conflict(qr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
      }
      if (spec.nodeName) {
        throw errors.conflict(qr, name, `pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`);
      }
      pod.spec = { ...spec, nodeName: target.name };
      if (meta.annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...meta.annotations };
      setCondition(pod, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: nowTimestamp() });
      return pod;
    },
    { subresource: 'binding', trusted: true, dryRun: isDryRun(ctx.query) },
  );
  writeObject(ctx.res, 201, success(201));
}

function setCondition(pod: KubeObject, condition: Condition): void {
  const status = (pod.status ?? {}) as { conditions?: Condition[] };
  const others = (status.conditions ?? []).filter((c) => c.type !== condition.type);
  const previous = (status.conditions ?? []).find((c) => c.type === condition.type);
  if (previous && previous.status === condition.status) condition.lastTransitionTime = previous.lastTransitionTime;
  pod.status = { ...status, conditions: [...others, condition] };
}

interface Budget {
  metadata: { name?: string; generation?: number };
  spec?: { selector?: LabelSelectorObject; unhealthyPodEvictionPolicy?: string };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; observedGeneration?: number; disruptedPods?: Record<string, string> };
}

/** POST pods/{name}/eviction. */
export async function handleEviction(ctx: HandlerContext, pods: GenericStore): Promise<void> {
  const eviction = await bodyObject(ctx);
  const { namespace, name } = ctx.info;
  const pod = await pods.get(namespace, name);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  // A pod that is not running, or already going, disrupts nothing.
  const exempt = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!exempt) await takeDisruption(ctx, pod);
  const options = (eviction.deleteOptions ?? {}) as { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } };
  await pods.delete(namespace, name, { gracePeriodSeconds: options.gracePeriodSeconds, preconditions: options.preconditions, dryRun: isDryRun(ctx.query) });
  writeObject(ctx.res, 201, success(201));
}

/** Records one disruption against the pod's budget, or refuses with upstream's 429. */
async function takeDisruption(ctx: HandlerContext, pod: KubeObject): Promise<void> {
  const budgets = ctx.registry.storeOf('policy', 'poddisruptionbudgets');
  if (budgets === undefined) return;
  await budgets.hub.waitForLatest();
  const namespace = pod.metadata.namespace ?? '';
  const matching = budgets.cache.list(budgets.scopePrefix(namespace)).filter((b) => selects(b as unknown as Budget, pod));
  if (matching.length === 0) return;
  if (matching.length > 1) {
    throw errors.internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  }
  const budget = matching[0] as KubeObject;
  if (unhealthyMayGo(budget as unknown as Budget, pod)) return;
  const podName = pod.metadata.name ?? '';
  await budgets.update(
    namespace,
    budget.metadata.name ?? '',
    (current) => {
      const b = current as unknown as Budget;
      const status = b.status ?? {};
      if ((status.observedGeneration ?? 0) < (b.metadata.generation ?? 0)) {
        throw errors.tooManyRequests('Cannot evict pod as it would violate the pod\'s disruption budget.', 10);
      }
      if ((status.disruptionsAllowed ?? 0) <= 0) {
        const err = errors.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", 0);
        const cause = {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${b.metadata.name ?? ''} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
        };
        throw new errors.APIError(err.code, err.reason, err.message, { causes: [cause] });
      }
      b.status = {
        ...status,
        disruptionsAllowed: (status.disruptionsAllowed ?? 0) - 1,
        disruptedPods: { ...(status.disruptedPods ?? {}), [podName]: nowTimestamp() },
      };
      return current;
    },
    { subresource: 'status', trusted: true, dryRun: isDryRun(ctx.query) },
  );
}

/**
 * A running pod that is not Ready takes nothing from the budget (upstream): always under
 * `AlwaysAllow`; under `IfHealthyBudget` (the default) only while the budget is met.
 */
function unhealthyMayGo(budget: Budget, pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) return false;
  if (budget.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const status = budget.status ?? {};
  return (status.desiredHealthy ?? 0) > 0 && (status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0);
}

function selects(budget: Budget, pod: KubeObject): boolean {
  const selector = budget.spec?.selector;
  if (selector === undefined) return false;
  try {
    const parsed = labelSelectorFromObject(selector);
    // An empty selector selects every pod of the namespace (policy/v1).
    return parsed.matches(pod.metadata.labels ?? {});
  } catch {
    return false;
  }
}
