// Which podFailurePolicy rule a failed pod matches (upstream's matchPodFailurePolicy): the
// first rule, in order, whose exit-code or pod-condition requirement the pod meets.

import type { Pod } from '../../client/index.js';
import type { Job, PodFailurePolicyRule } from './types.js';

/** The part of a container status the exit-code rules read. */
interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode?: number } };
}

export interface PolicyMatch {
  readonly rule: PodFailurePolicyRule;
  readonly index: number;
  /** Upstream's message for a FailJob match, used as the Failed condition's message. */
  readonly message: string;
}

/** The first rule matching the failed pod, if any. */
export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch | undefined {
  const rules = job.spec?.podFailurePolicy?.rules ?? [];
  for (const [index, rule] of rules.entries()) {
    const exit = rule.onExitCodes === undefined ? undefined : matchExitCodes(rule, pod);
    if (exit !== undefined) {
      return { rule, index, message: `Container ${exit.container} for pod ${podKey(pod)} failed with exit code ${exit.code} matching ${rule.action} rule at index ${index}` };
    }
    const condition = rule.onPodConditions?.find((req) => pod.status?.conditions?.some((c) => c.type === req.type && c.status === (req.status ?? 'True')));
    if (condition !== undefined) {
      return { rule, index, message: `Pod ${podKey(pod)} has condition ${condition.type} matching ${rule.action} rule at index ${index}` };
    }
  }
  return undefined;
}

function matchExitCodes(rule: PodFailurePolicyRule, pod: Pod): { container: string; code: number } | undefined {
  const req = rule.onExitCodes;
  if (req === undefined) return undefined;
  const status = pod.status as { initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] } | undefined;
  const statuses = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])];
  for (const container of statuses) {
    if (req.containerName !== undefined && req.containerName !== container.name) continue;
    const code = container.state?.terminated?.exitCode;
    // Exit code 0 never matches: a container that succeeded did not cause the failure.
    if (code === undefined || code === 0) continue;
    const listed = req.values.includes(code);
    if (req.operator === 'In' ? listed : !listed) return { container: container.name, code };
  }
  return undefined;
}

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
