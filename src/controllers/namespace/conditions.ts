// The deletion conditions the namespace controller reports on a Terminating namespace,
// with upstream's types, reasons and messages: each is True with a failure reason while
// something is wrong, False with the "all is well" reason otherwise.

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/** The outcome of one content-deletion pass, as conditions describe it. */
export interface DeletionOutcome {
  /** Resources that failed discovery (`group/version: error`). */
  readonly discoveryFailures: string[];
  /** Deletion errors, one per failing resource. */
  readonly deletionFailures: string[];
  /** Remaining instances per resource (`pods.` → 3). */
  readonly remaining: Map<string, number>;
  /** Finalizers on remaining instances → how many instances carry each. */
  readonly finalizers: Map<string, number>;
}

interface ConditionSpec {
  readonly type: string;
  readonly okReason: string;
  readonly okMessage: string;
  readonly failReason: string;
  failMessage(outcome: DeletionOutcome): string | undefined;
}

const SPECS: readonly ConditionSpec[] = [
  {
    type: 'NamespaceDeletionDiscoveryFailure',
    okReason: 'ResourcesDiscovered',
    okMessage: 'All resources successfully discovered',
    failReason: 'DiscoveryFailed',
    failMessage: (o) => (o.discoveryFailures.length === 0 ? undefined : `Discovery failed for some groups, ${o.discoveryFailures.length} failing: ${o.discoveryFailures.join(', ')}`),
  },
  {
    type: 'NamespaceDeletionGroupVersionParsingFailure',
    okReason: 'ParsedGroupVersions',
    okMessage: 'All legacy kube types successfully parsed',
    failReason: 'GroupVersionParsingFailed',
    failMessage: () => undefined,
  },
  {
    type: 'NamespaceDeletionContentFailure',
    okReason: 'ContentDeleted',
    okMessage: 'All content successfully deleted, may be waiting on finalization',
    failReason: 'ContentDeletionFailed',
    failMessage: (o) => (o.deletionFailures.length === 0 ? undefined : `Failed to delete all resource types, ${o.deletionFailures.length} remaining: ${o.deletionFailures.join(', ')}`),
  },
  {
    type: 'NamespaceContentRemaining',
    okReason: 'ContentRemoved',
    okMessage: 'All content successfully removed',
    failReason: 'SomeResourcesRemain',
    failMessage: (o) => summary('Some resources are remaining: ', o.remaining, 'resource instances'),
  },
  {
    type: 'NamespaceFinalizersRemaining',
    okReason: 'ContentHasNoFinalizers',
    okMessage: 'All content-preserving finalizers finished',
    failReason: 'SomeFinalizersRemain',
    failMessage: (o) => summary('Some content in the namespace has finalizers remaining: ', o.finalizers, 'resource instances'),
  },
];

function summary(prefix: string, counts: Map<string, number>, noun: string): string | undefined {
  if (counts.size === 0) return undefined;
  const parts = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${name} has ${n} ${noun}`);
  return prefix + parts.join(', ');
}

/**
 * The conditions after `outcome`, keeping lastTransitionTime of those whose status did not
 * change (as upstream's UpdateConditions).
 */
export function deletionConditions(previous: readonly NamespaceCondition[], outcome: DeletionOutcome, now: string): NamespaceCondition[] {
  const byType = new Map(previous.map((c) => [c.type, c]));
  const next: NamespaceCondition[] = SPECS.map((spec) => {
    const failure = spec.failMessage(outcome);
    const condition: NamespaceCondition =
      failure === undefined ? { type: spec.type, status: 'False', reason: spec.okReason, message: spec.okMessage } : { type: spec.type, status: 'True', reason: spec.failReason, message: failure };
    const old = byType.get(spec.type);
    condition.lastTransitionTime = old !== undefined && old.status === condition.status ? old.lastTransitionTime : now;
    return condition;
  });
  const ours = new Set(SPECS.map((s) => s.type));
  return [...previous.filter((c) => !ours.has(c.type)), ...next];
}

/** Whether two condition lists say the same (ignoring transition times). */
export function sameConditions(a: readonly NamespaceCondition[], b: readonly NamespaceCondition[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((c, i) => {
    const d = b[i]!;
    return c.type === d.type && c.status === d.status && c.reason === d.reason && c.message === d.message;
  });
}
