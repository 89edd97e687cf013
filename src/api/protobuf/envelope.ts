// The envelope of `application/vnd.kubernetes.protobuf` bodies: the four bytes `k8s\0`,
// then a runtime.Unknown message {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2 (the
// object's own message), contentEncoding = 3, contentType = 4}.

import { typeNameOf } from '../catalogue.js';
import { decodeMessage } from './decode.js';
import { encodeMessage } from './encode.js';
import { ProtobufDecodeError, UnregisteredKindError } from './errors.js';
import { hasMessage } from './messages.js';
import { bytesOf, groupFields, readFields, type WireField } from './wire-reader.js';
import { ProtoWriter } from './wire-writer.js';

/** The media type of Kubernetes protobuf. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);
const utf8 = new TextDecoder('utf-8');

export interface DecodedProtobuf {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object as Go's encoding/json writes it, `kind` and `apiVersion` included. */
  readonly object: Record<string, unknown>;
}

function stringOf(field: WireField | undefined): string {
  return field === undefined ? '' : utf8.decode(bytesOf(field));
}

/** `apps/v1` → ['apps', 'v1']; `v1` → ['', 'v1']. */
function splitAPIVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** The catalogue type of a kind, when it is served and has a protobuf message. */
function typeNameFor(apiVersion: string, kind: string): string {
  const [group, version] = splitAPIVersion(apiVersion);
  const typeName = typeNameOf(group, version, kind);
  if (typeName === undefined || !hasMessage(typeName)) throw new UnregisteredKindError(apiVersion, kind);
  return typeName;
}

/**
 * Decodes a Kubernetes protobuf body into the JSON object a JSON client would have sent
 * for the same Go object (Go's encoding/json of it), with `kind` and `apiVersion` from the
 * envelope. Throws ProtobufDecodeError for malformed bytes and UnregisteredKindError when
 * the envelope's kind is not a served built-in kind.
 */
export function decodeKubernetesProtobuf(body: Uint8Array): DecodedProtobuf {
  if (body.length === 0) throw new ProtobufDecodeError('empty data');
  if (body.length < MAGIC.length || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufDecodeError(`provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`);
  }
  if (body.length === MAGIC.length) throw new ProtobufDecodeError('empty body');
  const unknown = groupFields(readFields(body, MAGIC.length));
  const typeMetaField = unknown.get(1)?.at(-1);
  const typeMeta = typeMetaField === undefined ? new Map<number, WireField[]>() : groupFields(readFields(body, typeMetaField.start, typeMetaField.end));
  const apiVersion = stringOf(typeMeta.get(1)?.at(-1));
  const kind = stringOf(typeMeta.get(2)?.at(-1));
  if (kind === '') throw new ProtobufDecodeError(`Object 'Kind' is missing in the protobuf envelope`);
  const contentEncoding = stringOf(unknown.get(3)?.at(-1));
  if (contentEncoding !== '') throw new ProtobufDecodeError(`unsupported content encoding ${JSON.stringify(contentEncoding)}`);
  const raw = unknown.get(2)?.at(-1);
  const decoded = decodeMessage(typeNameFor(apiVersion, kind), raw === undefined ? new Uint8Array() : bytesOf(raw)) as Record<string, unknown>;
  return { apiVersion, kind, object: { kind, apiVersion, ...decoded } };
}

/**
 * Encodes a JSON object of a served built-in kind as Kubernetes protobuf, the bytes
 * client-go would send for it (gogo-protobuf's field order and presence rules). The kind
 * and apiVersion come from the object. Throws ProtobufEncodeError when a value does not
 * fit its field, UnregisteredKindError for a kind without a protobuf message.
 */
export function encodeKubernetesProtobuf(object: Readonly<Record<string, unknown>>, typeName?: string): Uint8Array {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const raw = encodeMessage(typeName ?? typeNameFor(apiVersion, kind), object);
  const writer = new ProtoWriter();
  writer.message(1, (typeMeta) => {
    typeMeta.string(1, apiVersion);
    typeMeta.string(2, kind);
  });
  writer.bytes(2, raw);
  writer.string(3, '');
  writer.string(4, '');
  const body = writer.finish();
  const out = new Uint8Array(MAGIC.length + body.length);
  out.set(MAGIC);
  out.set(body, MAGIC.length);
  return out;
}
