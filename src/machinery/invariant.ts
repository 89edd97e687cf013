// Broken invariants: bugs in kubets itself, as opposed to bad input. Bad input is an
// APIError (errors.ts) or a list of FieldErrors; an InvariantError means the code reached
// a state its own contracts rule out. The API server answers it with a 500 and logs it.

/** Thrown when kubets' own code breaks one of its invariants (a bug), never for bad input. */
export class InvariantError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`invariant violated: ${message}`, options);
    this.name = 'InvariantError';
  }
}

/** Throws an InvariantError with `message` unless `condition` holds. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}
