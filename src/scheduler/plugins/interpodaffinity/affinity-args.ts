// InterPodAffinityArgs from pluginConfig (upstream's ValidateInterPodAffinityArgs):
// `hardPodAffinityWeight` (0..100, default 1), the score an existing pod's required
// affinity term gives the nodes of its domain when it selects the incoming pod, and
// `ignorePreferredTermsOfExistingPods` (default false), which skips scoring for pods
// without preferred terms of their own.

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** Thrown when InterPodAffinity's pluginConfig args are invalid; the message lists every field at fault. */
export class AffinityArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'AffinityArgsError';
  }
}

export function interPodAffinityArgs(raw: Record<string, unknown> | undefined): InterPodAffinityArgs {
  const errors: string[] = [];
  const weight = raw?.hardPodAffinityWeight ?? 1;
  if (!Number.isInteger(weight) || (weight as number) < 0 || (weight as number) > 100) errors.push(`hardPodAffinityWeight: Invalid value: ${JSON.stringify(weight)}: not in valid range [0, 100]`);
  const ignore = raw?.ignorePreferredTermsOfExistingPods ?? false;
  if (typeof ignore !== 'boolean') errors.push(`ignorePreferredTermsOfExistingPods: Invalid value: ${JSON.stringify(ignore)}: must be a boolean`);
  if (errors.length > 0) throw new AffinityArgsError(errors);
  return { hardPodAffinityWeight: weight as number, ignorePreferredTermsOfExistingPods: ignore as boolean };
}
