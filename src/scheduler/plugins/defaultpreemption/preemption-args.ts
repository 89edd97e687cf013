// DefaultPreemptionArgs from pluginConfig (upstream's ValidateDefaultPreemptionArgs): how
// many candidate nodes the dry run looks for before choosing — at least
// minCandidateNodesAbsolute (default 100) and minCandidateNodesPercentage (default 10) of
// the nodes, at most all of them. Every problem is reported, each naming its field.

export interface PreemptionArgs {
  readonly minCandidateNodesPercentage: number;
  readonly minCandidateNodesAbsolute: number;
}

/** Thrown when DefaultPreemption's pluginConfig args are invalid; the message lists every field at fault. */
export class PreemptionArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'PreemptionArgsError';
  }
}

export function preemptionArgs(raw: Record<string, unknown> | undefined): PreemptionArgs {
  const errors: string[] = [];
  const percentage = raw?.minCandidateNodesPercentage ?? 10;
  const absolute = raw?.minCandidateNodesAbsolute ?? 100;
  if (!Number.isInteger(percentage) || (percentage as number) < 0 || (percentage as number) > 100) {
    errors.push(`minCandidateNodesPercentage: Invalid value: ${JSON.stringify(percentage)}: not in valid range [0, 100]`);
  }
  if (!Number.isInteger(absolute) || (absolute as number) < 0) errors.push(`minCandidateNodesAbsolute: Invalid value: ${JSON.stringify(absolute)}: not in valid range [0, inf)`);
  if (percentage === 0 && absolute === 0) errors.push('minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute');
  if (errors.length > 0) throw new PreemptionArgsError(errors);
  return { minCandidateNodesPercentage: percentage as number, minCandidateNodesAbsolute: absolute as number };
}

/** How many candidates to find among `numNodes` potential nodes (upstream's calculateNumCandidates). */
export function numCandidates(args: PreemptionArgs, numNodes: number): number {
  const byPercentage = Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100);
  return Math.min(Math.max(byPercentage, args.minCandidateNodesAbsolute), numNodes);
}
