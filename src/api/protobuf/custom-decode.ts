// The messages whose Go types write their own JSON (a MarshalJSON method), decoded to
// that JSON: timestamps, quantities, int-or-strings, embedded raw JSON, and the
// apiextensions schema unions. Each takes the message's fields (empty for an absent
// message: Go's zero value).

import { Quantity, QuantityParseError } from '../../machinery/quantity.js';
import { formatTime } from '../../machinery/time.js';
import { ProtobufDecodeError } from './errors.js';
import { bytesOf, int32Of, int64Of, type WireField } from './wire-reader.js';

/** Decodes nested messages for the custom decoders (which the generic decoder calls). */
export interface NestedDecoder {
  /** The JSON of one message of the type from its occurrences (merged); none: the zero message. */
  message(typeName: string, occurrences: readonly WireField[] | undefined): unknown;
  /** The JSON of each occurrence, one message each. */
  repeated(typeName: string, occurrences: readonly WireField[]): unknown[];
}

type Fields = ReadonlyMap<number, readonly WireField[]>;
type CustomDecoder = (fields: Fields, nested: NestedDecoder) => unknown;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const APIEXTENSIONS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
/** Go's zero time.Time is 0001-01-01T00:00:00Z: this many seconds before the Unix epoch. */
const GO_ZERO_TIME_SECONDS = -62_135_596_800;

const utf8 = new TextDecoder('utf-8');

function last(fields: Fields, number: number): WireField | undefined {
  return fields.get(number)?.at(-1);
}

function int64Field(fields: Fields, number: number): number {
  const field = last(fields, number);
  return field === undefined ? 0 : int64Of(field.lo, field.hi);
}

function int32Field(fields: Fields, number: number): number {
  const field = last(fields, number);
  return field === undefined ? 0 : int32Of(field.lo);
}

function stringField(fields: Fields, number: number): string {
  const field = last(fields, number);
  return field === undefined ? '' : utf8.decode(bytesOf(field));
}

/** Raw JSON bytes (RawExtension, FieldsV1, JSON) as a value; nil or empty: null. */
function rawJSON(fields: Fields, number: number, what: string): unknown {
  const field = last(fields, number);
  if (field === undefined || field.end === field.start) return null;
  const text = utf8.decode(bytesOf(field));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProtobufDecodeError(`${what} does not hold JSON: ${JSON.stringify(text.slice(0, 40))}`);
  }
}

/** metav1.Time: whole seconds (protobuf nanoseconds are dropped, as upstream drops them); zero: null. */
function time(fields: Fields): unknown {
  if (fields.size === 0) return null;
  const seconds = int64Field(fields, 1);
  return seconds === GO_ZERO_TIME_SECONDS ? null : formatTime(seconds * 1000);
}

/** metav1.MicroTime: six decimals, nanoseconds truncated to microseconds; zero: null. */
function microTime(fields: Fields): unknown {
  if (fields.size === 0) return null;
  const seconds = int64Field(fields, 1);
  const micros = Math.floor(int32Field(fields, 2) / 1000);
  if (seconds === GO_ZERO_TIME_SECONDS && micros === 0) return null;
  return `${formatTime(seconds * 1000).slice(0, -1)}.${String(micros).padStart(6, '0')}Z`;
}

/** resource.Quantity: parsed, then printed as upstream prints it; zero: "0". */
function quantity(fields: Fields): unknown {
  if (!fields.has(1)) return '0';
  const text = stringField(fields, 1);
  try {
    return Quantity.parse(text).toString();
  } catch (error) {
    if (error instanceof QuantityParseError) throw new ProtobufDecodeError(error.message);
    throw error;
  }
}

/** intstr.IntOrString: type 0 is the int, 1 the string. */
function intOrString(fields: Fields): unknown {
  const type = int64Field(fields, 1);
  if (type === 0) return int32Field(fields, 2);
  if (type === 1) return stringField(fields, 3);
  throw new ProtobufDecodeError(`impossible IntOrString.Type ${type}`);
}

const SCHEMA = `${APIEXTENSIONS}.JSONSchemaProps`;

const decoders: Readonly<Record<string, CustomDecoder>> = {
  [`${META}.Time`]: time,
  [`${META}.MicroTime`]: microTime,
  [`${META}.FieldsV1`]: (fields) => rawJSON(fields, 1, 'FieldsV1'),
  ['io.k8s.apimachinery.pkg.api.resource.Quantity']: quantity,
  ['io.k8s.apimachinery.pkg.util.intstr.IntOrString']: intOrString,
  ['io.k8s.apimachinery.pkg.runtime.RawExtension']: (fields) => rawJSON(fields, 1, 'RawExtension'),
  [`${APIEXTENSIONS}.JSON`]: (fields) => rawJSON(fields, 1, 'JSON'),
  // {allows = 1, schema = 2}: the schema when there is one, else the boolean.
  [`${APIEXTENSIONS}.JSONSchemaPropsOrBool`]: (fields, nested) => {
    const schema = fields.get(2);
    if (schema !== undefined) return nested.message(SCHEMA, schema);
    const allows = last(fields, 1);
    return allows !== undefined && (allows.lo !== 0 || allows.hi !== 0);
  },
  // {schema = 1, jSONSchemas = 2}: the list when it has members, else the schema (or null).
  [`${APIEXTENSIONS}.JSONSchemaPropsOrArray`]: (fields, nested) => {
    const list = fields.get(2);
    if (list !== undefined) return nested.repeated(SCHEMA, list);
    const schema = fields.get(1);
    return schema === undefined ? null : nested.message(SCHEMA, schema);
  },
  // {schema = 1, property = 2}: the strings when there are some, else the schema (or null).
  [`${APIEXTENSIONS}.JSONSchemaPropsOrStringArray`]: (fields, nested) => {
    const property = fields.get(2);
    if (property !== undefined) return property.map((p) => utf8.decode(bytesOf(p)));
    const schema = fields.get(1);
    return schema === undefined ? null : nested.message(SCHEMA, schema);
  },
};

/** Whether the message has a custom decoder here. */
export function hasCustomDecoder(typeName: string): boolean {
  return Object.hasOwn(decoders, typeName);
}

/** The JSON of a custom message from its fields. */
export function decodeCustom(typeName: string, fields: Fields, nested: NestedDecoder): unknown {
  const decode = decoders[typeName];
  if (decode === undefined) throw new ProtobufDecodeError(`no JSON form is known for the custom message ${typeName}`);
  return decode(fields, nested);
}
