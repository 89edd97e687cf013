// Completion indexes as upstream writes status.completedIndexes and failedIndexes: sorted,
// every run of consecutive indexes as `a-b`, single ones alone ("1,3-5,7").

/** Thrown when an index list is not of the form "1,3-5". */
export class IndexListParseError extends Error {
  constructor(readonly text: string) {
    super(`invalid index list "${text}"`);
    this.name = 'IndexListParseError';
  }
}

/** The set of indexes "0-2,5" names. */
export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  if (text === undefined || text === '') return out;
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (m === null) throw new IndexListParseError(text);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new IndexListParseError(text);
    for (let i = from; i <= to; i++) out.add(i);
  }
  return out;
}

/** Sorted runs: two consecutive indexes are written "0-1", as upstream does. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
