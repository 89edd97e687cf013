// Kubernetes protobuf (`application/vnd.kubernetes.protobuf`) for the built-in kinds:
// decoding request bodies into the JSON object a JSON client would have sent, and
// encoding JSON objects into the bytes client-go sends. See README.md.

export { decodeKubernetesProtobuf, encodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE, type DecodedProtobuf } from './envelope.js';
export { decodeMessage } from './decode.js';
export { encodeMessage } from './encode.js';
export { ProtobufDecodeError, ProtobufEncodeError, UnregisteredKindError } from './errors.js';
export { UnknownMessageError } from './messages.js';
