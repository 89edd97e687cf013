// Sets of Job completion indexes written as intervals ("1,3-5,7"), as upstream parses
// them for successPolicy.succeededIndexes (and the status index lists).

import { goQuote } from '../../../machinery/go-format.js';

/** Thrown when an index set does not parse; the message is upstream's. */
export class IndexSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexSetError';
  }
}

/** Go's strconv.Atoi over the platform's int (64 bits); undefined when it fails. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) : undefined;
}

function parseIndex(text: string, completions: number): number {
  const x = atoi(text);
  if (x === undefined) throw new IndexSetError(`cannot convert string to integer for index: ${goQuote(text)}`);
  if (x >= completions) throw new IndexSetError(`too large index: ${goQuote(text)}`);
  return x;
}

/** One interval, `x` or `x-y`, with x < y < completions. */
function parseInterval(interval: string, completions: number): [number, number] {
  const limits = interval.split('-');
  if (limits.length > 2) {
    throw new IndexSetError(
      `the fragment ${goQuote(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`,
    );
  }
  const x = parseIndex(limits[0] ?? '', completions);
  if (limits.length === 1) return [x, x];
  const y = parseIndex(limits[1] ?? '', completions);
  if (x >= y) throw new IndexSetError(`non-increasing order, previous: ${x}, current: ${y}`);
  return [x, y];
}

/** The number of indexes in an increasing interval list; throws IndexSetError. '' is the empty set. */
export function countIndexes(indexes: string, completions: number): number {
  if (indexes === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of indexes.split(',')) {
    const [x, y] = parseInterval(interval, completions);
    if (last !== undefined && last >= x) throw new IndexSetError(`non-increasing order, previous: ${last}, current: ${x}`);
    total += y - x + 1;
    last = y;
  }
  return total;
}
