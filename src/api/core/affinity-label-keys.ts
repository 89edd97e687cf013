// Pod (anti-)affinity terms' matchLabelKeys and mismatchLabelKeys are resolved once, when
// the pod is created (upstream's pod strategy, MatchLabelKeysInPodAffinity): the value of
// each named label of the pod joins the term's labelSelector as an `In` (match) or
// `NotIn` (mismatch) requirement, so that "pods of my own rollout" can be said without
// knowing the pod-template-hash. A term without a labelSelector selects nothing and is
// left alone, as are keys the pod has no label for.

type Json = Record<string, unknown>;

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn';
  values: string[];
}

function termsOf(spec: Json): Json[] {
  const affinity = spec['affinity'] as Json | undefined;
  const terms: Json[] = [];
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const group = affinity?.[kind] as Json | undefined;
    for (const term of (group?.['requiredDuringSchedulingIgnoredDuringExecution'] as Json[] | undefined) ?? []) terms.push(term);
    for (const weighted of (group?.['preferredDuringSchedulingIgnoredDuringExecution'] as Json[] | undefined) ?? []) {
      const term = weighted['podAffinityTerm'] as Json | undefined;
      if (term !== undefined) terms.push(term);
    }
  }
  return terms;
}

function requirements(keys: unknown, labels: Record<string, string>, operator: Requirement['operator']): Requirement[] {
  if (!Array.isArray(keys)) return [];
  return keys.filter((key): key is string => typeof key === 'string' && key in labels).map((key) => ({ key, operator, values: [labels[key]!] }));
}

/** Merges the label keys of every pod (anti-)affinity term of a new pod into its selector. */
export function applyAffinityLabelKeys(pod: Json): void {
  const spec = pod['spec'] as Json | undefined;
  if (spec === undefined) return;
  const labels = ((pod['metadata'] as Json | undefined)?.['labels'] ?? {}) as Record<string, string>;
  for (const term of termsOf(spec)) {
    const selector = term['labelSelector'] as Json | undefined | null;
    if (selector === undefined || selector === null) continue;
    const added = [...requirements(term['matchLabelKeys'], labels, 'In'), ...requirements(term['mismatchLabelKeys'], labels, 'NotIn')];
    if (added.length === 0) continue;
    const existing = Array.isArray(selector['matchExpressions']) ? (selector['matchExpressions'] as unknown[]) : [];
    selector['matchExpressions'] = [...existing, ...added];
  }
}
