// The errors of decoding and encoding Kubernetes protobuf. The API server answers both
// decoding errors with 400 Bad Request, as kube-apiserver does.

/** Thrown when bytes are not a well-formed protobuf message of the expected type. */
export class ProtobufDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

/** Thrown when an envelope names a group, version and kind the API catalogue does not serve. */
export class UnregisteredKindError extends Error {
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`no kind "${kind}" is registered for version "${apiVersion}"`);
    this.name = 'UnregisteredKindError';
  }
}

/** Thrown when a JSON value cannot be written as the protobuf field it belongs to. */
export class ProtobufEncodeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ProtobufEncodeError';
  }
}
