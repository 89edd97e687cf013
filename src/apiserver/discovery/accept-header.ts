// Reading an Accept header the way upstream's negotiation does (goautoneg): media ranges
// with their parameters, ordered by quality, and for equal quality concrete types before
// wildcards, otherwise in the order the client wrote them.

/** One media range of an Accept header. Type, subtype and parameter names are lower case; `q` is not among `params`. */
export interface AcceptClause {
  readonly type: string;
  readonly subtype: string;
  readonly params: ReadonlyMap<string, string>;
  readonly q: number;
}

/** The clauses of an Accept header, best first. Malformed ranges are skipped, like upstream. */
export function parseAccept(header: string | undefined): AcceptClause[] {
  if (header === undefined) return [];
  const clauses: AcceptClause[] = [];
  for (const part of header.split(',')) {
    const clause = parseRange(part);
    if (clause !== undefined) clauses.push(clause);
  }
  // Array.prototype.sort is stable, so equal clauses keep the client's order.
  return clauses.sort(
    (a, b) => b.q - a.q || wildcardRank(a.type) - wildcardRank(b.type) || wildcardRank(a.subtype) - wildcardRank(b.subtype),
  );
}

/** Whether a clause accepts `type/subtype` (exactly, as `type/*` or as `*\/*`). */
export function accepts(clause: AcceptClause, type: string, subtype: string): boolean {
  if (clause.type === '*') return clause.subtype === '*';
  return clause.type === type && (clause.subtype === '*' || clause.subtype === subtype);
}

function wildcardRank(part: string): number {
  return part === '*' ? 1 : 0;
}

function parseRange(text: string): AcceptClause | undefined {
  const [mediaType = '', ...rawParams] = text.split(';');
  const slash = mediaType.indexOf('/');
  const type = mediaType.slice(0, slash).trim().toLowerCase();
  const subtype = mediaType.slice(slash + 1).trim().toLowerCase();
  if (slash < 0 || type === '' || subtype === '') return undefined;
  const params = new Map<string, string>();
  let q = 1;
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq <= 0) return undefined;
    const name = raw.slice(0, eq).trim().toLowerCase();
    const value = unquote(raw.slice(eq + 1).trim());
    if (name === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
    else params.set(name, value);
  }
  return { type, subtype, params, q };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
