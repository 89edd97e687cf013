// Maps Store errors that reach a handler to the Status a client expects.

import * as errors from '../../machinery/errors.js';
import {
  CompactedError,
  FutureRevisionError,
  InvalidContinueError,
  StoreError,
  StoreUnavailableError,
  ValueTooLargeError,
} from '../../storage/errors.js';

interface Named {
  readonly qualifiedResource: { group: string; resource: string };
}

export function storeErrorToAPIError(error: unknown, _resource: Named): unknown {
  if (!(error instanceof StoreError)) return error;
  if (error instanceof CompactedError) return errors.tooOldResourceVersion(error.requestedRevision, error.compactedRevision);
  if (error instanceof FutureRevisionError) {
    return errors.tooLargeResourceVersion(error.requestedRevision, error.currentRevision, 1);
  }
  if (error instanceof InvalidContinueError) return errors.badRequest(`continue key is not valid: ${error.message}`);
  if (error instanceof ValueTooLargeError) return errors.requestEntityTooLarge('etcdserver: request is too large');
  if (error instanceof StoreUnavailableError) return errors.serviceUnavailable(`storage is unavailable: ${error.message}`);
  return errors.internalError(error);
}
