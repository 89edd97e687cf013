// core/v1 NodeSelector matching, as upstream's component-helpers nodeaffinity does it for
// the scheduler, the DaemonSet controller and the kubelet: the terms of a selector are
// ORed and the requirements of a term ANDed; a term without requirements matches nothing;
// matchFields knows metadata.name only; Gt and Lt compare one integer value.

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** What matching reads of a node. */
export interface SelectableNode {
  readonly metadata?: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
}

function matchesRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const have = Number.parseInt(value, 10);
      const want = Number.parseInt(values[0] as string, 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: SelectableNode): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    expressions.every((req) => matchesRequirement(req, labels[req.key])) &&
    fields.every((req) => req.key === 'metadata.name' && (req.operator === 'In' || req.operator === 'NotIn') && matchesRequirement(req, node.metadata?.name))
  );
}

export function matchesAnyNodeSelectorTerm(terms: readonly NodeSelectorTerm[], node: SelectableNode): boolean {
  return terms.some((term) => matchesNodeSelectorTerm(term, node));
}
