// The messages whose Go types read their own JSON (an UnmarshalJSON method), encoded from
// that JSON as their Marshal methods write them. Each returns the message's bytes; an
// absent or null value is Go's zero value.

import { Quantity, QuantityParseError } from '../../machinery/quantity.js';
import { GoTimeParseError, parseGoTime, RFC3339, RFC3339_MICRO } from '../schema/go-time.js';
import { ProtobufEncodeError } from './errors.js';
import { ProtoWriter } from './wire-writer.js';

/** Encodes nested messages for the custom encoders. */
export interface NestedEncoder {
  message(typeName: string, value: unknown, path: string): Uint8Array;
}

type CustomEncoder = (value: unknown, path: string, nested: NestedEncoder) => Uint8Array;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const APIEXTENSIONS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
const SCHEMA = `${APIEXTENSIONS}.JSONSchemaProps`;
const GO_ZERO_TIME_SECONDS = -62_135_596_800;
const EMPTY = new Uint8Array();

function absent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function written(write: (writer: ProtoWriter) => void): Uint8Array {
  const writer = new ProtoWriter();
  write(writer);
  return writer.finish();
}

/** Time and MicroTime: {seconds = 1, nanos = 2}, both written; the zero time: nothing. */
function timestamp(layout: typeof RFC3339 | typeof RFC3339_MICRO): CustomEncoder {
  return (value, path) => {
    if (absent(value)) return EMPTY;
    if (typeof value !== 'string') throw new ProtobufEncodeError(path, `expected a timestamp string, got ${JSON.stringify(value)}`);
    let instant;
    try {
      instant = parseGoTime(layout, value);
    } catch (error) {
      if (error instanceof GoTimeParseError) throw new ProtobufEncodeError(path, error.message);
      throw error;
    }
    if (instant.seconds === GO_ZERO_TIME_SECONDS && instant.nanos === 0) return EMPTY;
    // Time keeps whole seconds only; MicroTime microseconds.
    const nanos = layout === RFC3339 ? 0 : instant.nanos - (instant.nanos % 1000);
    return written((w) => {
      w.int(1, instant.seconds);
      w.int(2, nanos);
    });
  };
}

/** Raw JSON (RawExtension, FieldsV1, JSON): the JSON text in field 1; null: nothing. */
function rawJSON(value: unknown): Uint8Array {
  if (absent(value)) return EMPTY;
  return written((w) => w.string(1, JSON.stringify(value)));
}

function quantity(value: unknown, path: string): Uint8Array {
  let text = '0';
  if (typeof value === 'string' || typeof value === 'number') text = String(value);
  else if (!absent(value)) throw new ProtobufEncodeError(path, `expected a quantity, got ${JSON.stringify(value)}`);
  try {
    const printed = Quantity.parse(text).toString();
    return written((w) => w.string(1, printed));
  } catch (error) {
    if (error instanceof QuantityParseError) throw new ProtobufEncodeError(path, error.message);
    throw error;
  }
}

/** IntOrString: {type = 1, intVal = 2, strVal = 3}, all written. */
function intOrString(value: unknown, path: string): Uint8Array {
  if (!absent(value) && typeof value !== 'string' && !Number.isInteger(value)) {
    throw new ProtobufEncodeError(path, `expected an integer or a string, got ${JSON.stringify(value)}`);
  }
  return written((w) => {
    w.int(1, typeof value === 'string' ? 1 : 0);
    w.int(2, typeof value === 'number' ? value : 0);
    w.string(3, typeof value === 'string' ? value : '');
  });
}

function isSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const encoders: Readonly<Record<string, CustomEncoder>> = {
  [`${META}.Time`]: timestamp(RFC3339),
  [`${META}.MicroTime`]: timestamp(RFC3339_MICRO),
  [`${META}.FieldsV1`]: rawJSON,
  ['io.k8s.apimachinery.pkg.api.resource.Quantity']: quantity,
  ['io.k8s.apimachinery.pkg.util.intstr.IntOrString']: intOrString,
  ['io.k8s.apimachinery.pkg.runtime.RawExtension']: rawJSON,
  [`${APIEXTENSIONS}.JSON`]: rawJSON,
  // {allows = 1 (always written), schema = 2}: a schema allows.
  [`${APIEXTENSIONS}.JSONSchemaPropsOrBool`]: (value, path, nested) =>
    written((w) => {
      w.bool(1, value === true || isSchema(value));
      if (isSchema(value)) w.bytes(2, nested.message(SCHEMA, value, path));
    }),
  // {schema = 1, jSONSchemas = 2}
  [`${APIEXTENSIONS}.JSONSchemaPropsOrArray`]: (value, path, nested) =>
    written((w) => {
      if (isSchema(value)) w.bytes(1, nested.message(SCHEMA, value, path));
      if (Array.isArray(value)) value.forEach((item, i) => w.bytes(2, nested.message(SCHEMA, item, `${path}[${i}]`)));
    }),
  // {schema = 1, property = 2}
  [`${APIEXTENSIONS}.JSONSchemaPropsOrStringArray`]: (value, path, nested) =>
    written((w) => {
      if (isSchema(value)) w.bytes(1, nested.message(SCHEMA, value, path));
      if (Array.isArray(value)) for (const item of value) w.string(2, String(item));
    }),
};

/** Whether the message has a custom encoder here. */
export function hasCustomEncoder(typeName: string): boolean {
  return Object.hasOwn(encoders, typeName);
}

/** The bytes of a custom message for its JSON value. */
export function encodeCustom(typeName: string, value: unknown, path: string, nested: NestedEncoder): Uint8Array {
  const encode = encoders[typeName];
  if (encode === undefined) throw new ProtobufEncodeError(path, `no protobuf form is known for the custom message ${typeName}`);
  return encode(value, path, nested);
}
