// The `continue` token of a paginated list: the revision the first page was read at and
// the key the next page starts from, as base64url JSON. Opaque to callers.
import { InvalidContinueError } from '../errors.js';

export interface ContinuePoint {
  /** Revision every page of the list is read at. */
  readonly revision: number;
  /** First key of the next page. */
  readonly start: string;
}

export function encodeContinue(point: ContinuePoint): string {
  return Buffer.from(JSON.stringify({ rev: point.revision, start: point.start }), 'utf8').toString('base64url');
}

/**
 * Reads a token for a list of `prefix`. InvalidContinueError when it is not one this
 * backend issued, or was issued for a list of another prefix.
 */
export function decodeContinue(token: string, prefix: string): ContinuePoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidContinueError(token);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidContinueError(token);
  const { rev, start } = parsed as { rev?: unknown; start?: unknown };
  if (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 1) throw new InvalidContinueError(token);
  if (typeof start !== 'string' || !start.startsWith(prefix)) throw new InvalidContinueError(token);
  return { revision: rev, start };
}
