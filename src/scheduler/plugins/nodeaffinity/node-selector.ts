// core/v1 NodeSelector matching (upstream's component-helpers nodeaffinity): terms are
// ORed, the requirements of a term ANDed; a term with no requirements matches nothing;
// matchFields knows metadata.name only.

import type { Node } from '../../../client/index.js';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../framework/types.js';

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
      const want = Number.parseInt(values[0]!, 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const req of exprs) if (!matchesRequirement(req, labels[req.key])) return false;
  for (const req of fields) {
    if (req.key !== 'metadata.name' || !matchesRequirement(req, node.metadata?.name)) return false;
  }
  return true;
}

export function matchesAnyTerm(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((term) => matchesTerm(term, node));
}
