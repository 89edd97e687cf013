// Per-pod verdicts, recorded when a profile asks for them (`recordVerdicts`): every Filter
// verdict and every Score for the nodes considered, in kube-scheduler-simulator's shape, so
// that a person can see why a pod landed where it did. The scheduler writes them into the
// Binding's annotations, which the API server copies onto the pod.

import type { NodeScore } from './interfaces.js';
import type { Status } from './status.js';

export const FILTER_RESULT_ANNOTATION = 'kube-scheduler-simulator.sigs.k8s.io/filter-result';
export const SCORE_RESULT_ANNOTATION = 'kube-scheduler-simulator.sigs.k8s.io/score-result';
export const FINAL_SCORE_RESULT_ANNOTATION = 'kube-scheduler-simulator.sigs.k8s.io/finalscore-result';
/** What a Filter that let the node through records (the simulator's word). */
export const PASSED = 'passed';

type NodePluginMap = Record<string, Record<string, string>>;

function put(map: NodePluginMap, node: string, plugin: string, value: string): void {
  (map[node] ??= {})[plugin] = value;
}

/** Contract: records only; reading it never changes a scheduling decision. */
export class VerdictRecorder {
  private readonly filters: NodePluginMap = {};
  private readonly scores: NodePluginMap = {};
  private readonly finalScores: NodePluginMap = {};

  /** A Filter plugin's verdict on a node: "passed" or its message. */
  filter(node: string, plugin: string, status: Status): void {
    put(this.filters, node, plugin, status.isSuccess() ? PASSED : status.message());
  }

  /** One Score plugin's scores: as returned, and normalized times its weight. */
  score(plugin: string, raw: readonly NodeScore[], normalized: readonly NodeScore[], weight: number): void {
    for (const s of raw) put(this.scores, s.name, plugin, String(s.score));
    for (const s of normalized) put(this.finalScores, s.name, plugin, String(s.score * weight));
  }

  /** The three annotations, JSON maps node → plugin → verdict or score. */
  annotations(): Record<string, string> {
    return {
      [FILTER_RESULT_ANNOTATION]: JSON.stringify(this.filters),
      [SCORE_RESULT_ANNOTATION]: JSON.stringify(this.scores),
      [FINAL_SCORE_RESULT_ANNOTATION]: JSON.stringify(this.finalScores),
    };
  }
}
