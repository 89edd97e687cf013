// The one error the patch engines throw on purpose. Its `failure` says how upstream's
// API server answers when a PATCH request fails that way, learned from
// k8s.io/apiserver/pkg/endpoints/handlers/patch.go:
//
// - JSON patch (application/json-patch+json): a body that is not a list of operation
//   objects → 400 BadRequest with the decoder's message; more than 10,000 operations →
//   413; any operation that fails (missing path, failed test, unknown op, bad index)
//   → 422 Invalid whose message is the generic "the server rejected our request due to
//   an error in our request" (the engine's message is not shown to the client).
// - JSON merge patch (application/merge-patch+json): a patch that is null or a scalar
//   → 400 "Invalid JSON Patch".
// - Strategic merge patch (application/strategic-merge-patch+json): a patch that is not
//   an object → 400; malformed `$deleteFromPrimitiveList`, `$retainKeys` and
//   `$setElementOrder` directives → 400; a list of lists → 422; every other failure
//   (missing merge key, unknown `$patch` value, mismatched `$setElementOrder` order,
//   elements of different types) reaches the client as a plain error: 500 with an empty
//   reason and the engine's message, which is what kubectl prints after "Error from
//   server:".
// Malformed JSON never gets here: the server rejects a body that does not parse with
// 400 "invalid JSON patch" before any engine runs.

import { APIError, badRequest, genericServerResponse, requestEntityTooLarge } from '../errors.js';

/** How the API server answers a failed patch; see the table above. */
export type PatchFailure = 'BadRequest' | 'Invalid' | 'RequestEntityTooLarge' | 'Unclassified';

/** Thrown when a patch cannot be applied: malformed patch, failed test operation, bad directive. */
export class PatchError extends Error {
  constructor(
    readonly failure: PatchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }

  /** The error upstream's API server ends the request with. */
  toAPIError(): APIError {
    switch (this.failure) {
      case 'BadRequest':
        return badRequest(this.message);
      case 'Invalid':
        return genericServerResponse(422);
      case 'RequestEntityTooLarge':
        return requestEntityTooLarge(this.message);
      case 'Unclassified':
        // Not a Status error upstream: rendered as 500 with no reason and no details.
        return new APIError(500, '', this.message);
    }
  }
}
