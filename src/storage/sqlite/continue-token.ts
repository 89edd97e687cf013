// The `continue` token of a paginated list: the revision of the first page and the key
// the next page starts at, so that every page reads the same snapshot.
import { InvalidContinueError } from '../errors.js';

export interface ContinuePoint {
  readonly revision: number;
  /** The next page starts at this key (inclusive). */
  readonly startKey: string;
}

export function encodeContinue(point: ContinuePoint): string {
  return Buffer.from(JSON.stringify([point.revision, point.startKey])).toString('base64url');
}

/** Decodes a token issued for a list of `prefix`; throws InvalidContinueError otherwise. */
export function decodeContinue(token: string, prefix: string): ContinuePoint {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidContinueError(token);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw new InvalidContinueError(token);
  const [revision, startKey] = decoded as unknown[];
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision <= 0) throw new InvalidContinueError(token);
  // A token of another prefix would read keys outside this one.
  if (typeof startKey !== 'string' || !startKey.startsWith(prefix)) throw new InvalidContinueError(token);
  return { revision, startKey };
}
