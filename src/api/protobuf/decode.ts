// Protobuf message → the JSON value Go's encoding/json writes for the Go struct that
// gogo-protobuf decodes it into. What Go writes depends on the Go field, which the
// generated table records:
//
//   absent, Go pointer / slice / map / []byte    nil: left out (omitempty) or null
//   absent, other scalar                         zero: left out (omitempty) or "", 0, false
//   absent, struct                               the zero struct's JSON (omitzero: left out)
//   present, scalar without pointer, zero        left out with omitempty (gogo-protobuf
//                                                always writes these fields)
//   present, pointer                             its value, even zero
//
// Repeated numbers are read packed or not; a non-repeated field seen twice keeps its last
// value, a message field seen twice is merged (its occurrences concatenated), as in Go.
// Unknown fields are skipped.

import { decodeCustom, type NestedDecoder } from './custom-decode.js';
import { ProtobufDecodeError } from './errors.js';
import { messageInfo, type MessageField, type MessageInfo } from './messages.js';
import {
  bytesOf,
  doubleOf,
  groupFields,
  int32Of,
  int64Of,
  readFields,
  readPackedVarints,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  type WireField,
} from './wire-reader.js';

/** A field Go's encoding/json leaves out. */
const OMIT = Symbol('omit');
type Rendered = unknown;

const utf8 = new TextDecoder('utf-8');

/** Sets a key as an own property, even `__proto__` (a map key is data, not a prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function expectWireType(field: WireField, wireType: number, name: string): void {
  if (field.wireType !== wireType) throw new ProtobufDecodeError(`proto: wrong wireType = ${field.wireType} for field ${name}`);
}

function scalarValue(type: string, field: WireField, name: string): unknown {
  switch (type) {
    case 'string':
      expectWireType(field, WIRE_LENGTH_DELIMITED, name);
      return utf8.decode(bytesOf(field));
    case 'bytes':
      expectWireType(field, WIRE_LENGTH_DELIMITED, name);
      return Buffer.from(bytesOf(field)).toString('base64');
    case 'bool':
      expectWireType(field, WIRE_VARINT, name);
      return field.lo !== 0 || field.hi !== 0;
    case 'int32':
      expectWireType(field, WIRE_VARINT, name);
      return int32Of(field.lo);
    case 'int64':
      expectWireType(field, WIRE_VARINT, name);
      return int64Of(field.lo, field.hi);
    case 'double':
      expectWireType(field, WIRE_FIXED64, name);
      return doubleOf(field);
    default:
      throw new ProtobufDecodeError(`unknown scalar type ${type}`);
  }
}

/** Go's zero value of a scalar field that is not a pointer; []byte's is nil. */
function zeroScalar(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'bytes':
      return null;
    default:
      return 0;
  }
}

/** Whether encoding/json's omitempty leaves the value out. */
function isEmpty(value: unknown): boolean {
  return value === '' || value === 0 || value === false || value === null;
}

/** The values of a repeated scalar field, unpacking packed numbers. */
function repeatedScalars(type: string, occurrences: readonly WireField[], name: string): unknown[] {
  const values: unknown[] = [];
  for (const field of occurrences) {
    const packed = field.wireType === WIRE_LENGTH_DELIMITED && type !== 'string' && type !== 'bytes';
    if (!packed) {
      values.push(scalarValue(type, field, name));
    } else if (type === 'double') {
      for (let at = field.start; at + 8 <= field.end; at += 8) values.push(doubleOf({ ...field, start: at, end: at + 8 }));
    } else {
      for (const [lo, hi] of readPackedVarints(field)) values.push(scalarValue(type, { ...field, wireType: WIRE_VARINT, lo, hi }, name));
    }
  }
  return values;
}

/** The fields of a message given by its occurrences (none: the zero message), merged. */
function mergedFields(occurrences: readonly WireField[] | undefined, name: string): Map<number, WireField[]> {
  if (occurrences === undefined) return new Map();
  if (occurrences.length === 1) {
    const [only] = occurrences as [WireField];
    expectWireType(only, WIRE_LENGTH_DELIMITED, name);
    return groupFields(readFields(only.data, only.start, only.end));
  }
  const all: WireField[] = [];
  for (const field of occurrences) {
    expectWireType(field, WIRE_LENGTH_DELIMITED, name);
    all.push(...readFields(field.data, field.start, field.end));
  }
  return groupFields(all);
}

const nested: NestedDecoder = {
  message: (typeName, occurrences) => messageValue(messageInfo(typeName), mergedFields(occurrences, typeName)),
  repeated: (typeName, occurrences) => occurrences.map((o) => nested.message(typeName, [o])),
};

function messageValue(info: MessageInfo, fields: Map<number, WireField[]>): Rendered {
  switch (info.kind) {
    case 'custom':
      return decodeCustom(info.name, fields, nested);
    case 'list': {
      const [items] = info.fields;
      const occurrences = items === undefined ? undefined : fields.get(items.number);
      return occurrences === undefined ? null : repeatedValues(items!, occurrences);
    }
    case 'struct':
      return structValue(info, fields);
  }
}

function structValue(info: MessageInfo, fields: Map<number, WireField[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of info.fields) {
    const value = fieldValue(field, fields.get(field.number), info.name);
    if (value === OMIT) continue;
    if (field.jsonName === '') Object.assign(out, value);
    else out[field.jsonName] = value;
  }
  return out;
}

function fieldValue(field: MessageField, occurrences: WireField[] | undefined, holder: string): Rendered | typeof OMIT {
  const name = `${holder}.${field.jsonName || field.type}`;
  if (field.map || field.repeated) {
    if (occurrences === undefined) return field.omitempty ? OMIT : null;
    return field.map ? mapValue(field, occurrences, name) : repeatedValues(field, occurrences);
  }
  if (field.scalar) return scalarFieldValue(field, occurrences, name);
  const info = messageInfo(field.type);
  if (occurrences === undefined && (field.pointer || info.kind === 'list')) return field.omitempty ? OMIT : null;
  const value = messageValue(info, mergedFields(occurrences, name));
  if (field.omitzero && (occurrences === undefined || value === null)) return OMIT;
  if (field.omitempty && info.kind === 'list' && value === null) return OMIT;
  return value;
}

function scalarFieldValue(field: MessageField, occurrences: WireField[] | undefined, name: string): Rendered | typeof OMIT {
  const last = occurrences?.at(-1);
  if (last === undefined) {
    if (field.pointer || field.type === 'bytes') return field.omitempty ? OMIT : null;
    return field.omitempty ? OMIT : zeroScalar(field.type);
  }
  const value = scalarValue(field.type, last, name);
  return field.omitempty && !field.pointer && isEmpty(value) ? OMIT : value;
}

function repeatedValues(field: MessageField, occurrences: readonly WireField[]): unknown[] {
  if (field.scalar) return repeatedScalars(field.type, occurrences, field.jsonName);
  return nested.repeated(field.type, occurrences);
}

/** A map field: entries {key = 1, value = 2}; a later entry for a key replaces an earlier one. */
function mapValue(field: MessageField, entries: readonly WireField[], name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of entries) {
    expectWireType(entry, WIRE_LENGTH_DELIMITED, name);
    const parts = groupFields(readFields(entry.data, entry.start, entry.end));
    const keyField = parts.get(1)?.at(-1);
    const key = keyField === undefined ? '' : (scalarValue('string', keyField, `${name} key`) as string);
    const valueFields = parts.get(2);
    let value: unknown;
    if (!field.scalar) value = nested.message(field.type, valueFields);
    else if (valueFields === undefined) value = zeroScalar(field.type);
    else value = scalarValue(field.type, valueFields.at(-1)!, `${name}[${key}]`);
    setOwn(out, key, value);
  }
  return out;
}

/**
 * The JSON object Go's encoding/json writes for the message of `typeName` in `data`
 * (the bytes of the message itself, no envelope). Throws ProtobufDecodeError when the
 * bytes are not a well-formed message of that type, UnknownMessageError when the type
 * has no protobuf message.
 */
export function decodeMessage(typeName: string, data: Uint8Array): unknown {
  return messageValue(messageInfo(typeName), groupFields(readFields(data)));
}
