// JSON value → the protobuf message client-go sends for it: the Go struct encoding/json
// makes of the value, written as gogo-protobuf writes it. Fields go in ascending number;
// a non-pointer field is always written, zero or not; a pointer only when set; a slice
// or map only when it has members (map keys sorted as Go sorts strings, by their bytes);
// a []byte when not nil. An embedded struct (JSON name '') reads its fields from the
// parent's object.

import { compareGoStrings } from '../../machinery/go-format.js';
import { encodeCustom, type NestedEncoder } from './custom-encode.js';
import { ProtobufEncodeError } from './errors.js';
import { messageInfo, type MessageField, type MessageInfo } from './messages.js';
import { ProtoWriter } from './wire-writer.js';

type JSONObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectType(value: unknown, type: 'string' | 'number' | 'boolean', path: string): void {
  if (typeof value !== type) throw new ProtobufEncodeError(path, `expected a ${type}, got ${JSON.stringify(value)}`);
}

function writeScalar(writer: ProtoWriter, number: number, type: string, value: unknown, path: string): void {
  switch (type) {
    case 'string':
      expectType(value, 'string', path);
      return writer.string(number, value as string);
    case 'bytes':
      expectType(value, 'string', path);
      return writer.bytes(number, Buffer.from(value as string, 'base64'));
    case 'bool':
      expectType(value, 'boolean', path);
      return writer.bool(number, value as boolean);
    case 'double':
      expectType(value, 'number', path);
      return writer.double(number, value as number);
    default:
      expectType(value, 'number', path);
      if (!Number.isInteger(value)) throw new ProtobufEncodeError(path, `expected an integer, got ${String(value)}`);
      return writer.int(number, value as number);
  }
}

function zeroScalar(type: string): unknown {
  return type === 'string' ? '' : type === 'bool' ? false : 0;
}

const nested: NestedEncoder = {
  message: (typeName, value, path) => messageBytes(messageInfo(typeName), value, path),
};

function messageBytes(info: MessageInfo, value: unknown, path: string): Uint8Array {
  if (info.kind === 'custom') return encodeCustom(info.name, value, path, nested);
  const writer = new ProtoWriter();
  if (info.kind === 'list') {
    const [items] = info.fields;
    if (items !== undefined && value !== undefined && value !== null) writeField(writer, items, value, path);
    return writer.finish();
  }
  if (value !== undefined && value !== null && !isObject(value)) throw new ProtobufEncodeError(path, `expected an object, got ${JSON.stringify(value)}`);
  const object = value ?? {};
  for (const field of info.wireOrder) {
    const fieldValue = field.jsonName === '' ? object : object[field.jsonName];
    writeField(writer, field, fieldValue, field.jsonName === '' ? path : `${path}.${field.jsonName}`);
  }
  return writer.finish();
}

function writeField(writer: ProtoWriter, field: MessageField, value: unknown, path: string): void {
  if (field.map) return writeMap(writer, field, value, path);
  if (field.repeated) return writeRepeated(writer, field, value, path);
  const absent = value === undefined || value === null;
  if (field.scalar) {
    if (absent && (field.pointer || field.type === 'bytes')) return;
    return writeScalar(writer, field.number, field.type, absent ? zeroScalar(field.type) : value, path);
  }
  const info = messageInfo(field.type);
  if (absent && (field.pointer || info.kind === 'list')) return;
  writer.bytes(field.number, messageBytes(info, value, path));
}

function writeRepeated(writer: ProtoWriter, field: MessageField, value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new ProtobufEncodeError(path, `expected an array, got ${JSON.stringify(value)}`);
  value.forEach((item: unknown, i) => {
    const itemPath = `${path}[${i}]`;
    if (field.scalar) writeScalar(writer, field.number, field.type, item ?? zeroScalar(field.type), itemPath);
    else writer.bytes(field.number, nested.message(field.type, item, itemPath));
  });
}

function writeMap(writer: ProtoWriter, field: MessageField, value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) throw new ProtobufEncodeError(path, `expected an object, got ${JSON.stringify(value)}`);
  for (const key of Object.keys(value).sort(compareGoStrings)) {
    const item = value[key];
    const itemPath = `${path}[${JSON.stringify(key)}]`;
    writer.message(field.number, (entry) => {
      entry.string(1, key);
      if (!field.scalar) entry.bytes(2, nested.message(field.type, item, itemPath));
      else if (item !== null && item !== undefined) writeScalar(entry, 2, field.type, item, itemPath);
      else if (field.type !== 'bytes') writeScalar(entry, 2, field.type, zeroScalar(field.type), itemPath);
    });
  }
}

/**
 * The protobuf message of `typeName` for a JSON value (no envelope). Throws
 * ProtobufEncodeError naming the path of a value that does not fit its field, and
 * UnknownMessageError when the type has no protobuf message.
 */
export function encodeMessage(typeName: string, value: unknown): Uint8Array {
  return messageBytes(messageInfo(typeName), value, typeName.slice(typeName.lastIndexOf('.') + 1));
}
