// Whether a request to `/api` or `/apis` gets aggregated or unaggregated discovery, by
// upstream's rule (apiserver's discovery/aggregated wrapper): walk the Accept clauses
// best first, take the first one this server can produce whose parameters the discovery
// endpoint allows, and serve aggregated discovery when that clause asks for
// `g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`.
//
// Differences from upstream, both harmless to clients: aggregated discovery is produced
// in JSON only, so a clause asking for it in YAML or protobuf is passed over (clients
// list JSON after it); and, as in upstream since 1.33, apidiscovery.k8s.io/v2beta1 is not
// served, so a client that asks only for v2beta1 (kubectl ≤ 1.29) gets the unaggregated
// documents, which every client reads.

import { accepts, parseAccept, type AcceptClause } from './accept-header.js';

export type DiscoveryFormat = 'aggregated-v2' | 'legacy';

/** Media types discovery can be written in here. */
const PRODUCIBLE: readonly (readonly [string, string])[] = [
  ['application', 'json'],
  ['application', 'yaml'],
];

/**
 * The discovery format for an Accept header. 'legacy' also when nothing in the header is
 * acceptable: the unaggregated handler then answers 406 or picks JSON as usual.
 */
export function negotiateDiscovery(acceptHeader: string | undefined): DiscoveryFormat {
  for (const clause of parseAccept(acceptHeader)) {
    for (const [type, subtype] of PRODUCIBLE) {
      if (!accepts(clause, type, subtype)) continue;
      const verdict = judge(clause, subtype);
      if (verdict !== 'skip') return verdict;
    }
  }
  return 'legacy';
}

/** What one clause, matched against one producible type, asks for; 'skip' when it is not allowed. */
function judge(clause: AcceptClause, subtype: string): DiscoveryFormat | 'skip' {
  const { params } = clause;
  const stream = params.get('stream');
  if ((stream !== undefined && stream !== '' && stream !== 'watch') || (params.get('sv') ?? '') !== '') return 'skip';
  const converts = params.has('as') || params.has('g') || params.has('v');
  if (!converts) return 'legacy';
  const aggregated = params.get('g') === 'apidiscovery.k8s.io' && params.get('v') === 'v2' && params.get('as') === 'APIGroupDiscoveryList';
  // Any other conversion (Table, v2beta1, …) is not allowed on discovery: the clause is passed over.
  if (!aggregated || subtype !== 'json') return 'skip';
  return 'aggregated-v2';
}
