// The protobuf form of `/openapi/v2`, which client-go's OpenAPISchema() asks for and
// proto-decodes: the `openapi.v2.Document` message of gnostic-models
// (openapiv2/OpenAPIv2.proto), with the fields this server's document uses. Maps are
// repeated `Named*` (name, value) messages; vendor extensions and other free-form values
// are `Any` messages holding their YAML text (JSON text is YAML, and readers parse it
// with a YAML parser). Field numbers are those of OpenAPIv2.proto.

import { ProtoWriter } from './protobuf-writer.js';
import type { JsonSchema } from './schemas.js';
import { lazy, type SerializedDocument } from './serialized.js';
import { openapiV2Document, openapiV2Json } from './v2.js';

/** The protobuf form; it shares the JSON form's hash and ETag, as upstream's does. */
export const openapiV2Protobuf: () => SerializedDocument = lazy(() => {
  const json = openapiV2Json();
  return { body: encodeDocument(openapiV2Document()), hash: json.hash, etag: json.etag };
});

type Json = JsonSchema;

/** `Document`: swagger 1, info 2, paths 8, definitions 9, security 12, security_definitions 13. */
function encodeDocument(doc: Json): Buffer {
  const w = new ProtoWriter();
  w.string(1, str(doc.swagger));
  const info = obj(doc.info);
  w.message(2, (m) => {
    m.string(1, str(info.title));
    m.string(2, str(info.version));
  });
  w.message(8, (m) => named(m, 2, obj(doc.paths), pathItem));
  w.message(9, (m) => named(m, 1, obj(doc.definitions), schema));
  for (const requirement of arr(doc.security)) w.message(12, (m) => named(m, 1, obj(requirement), stringArray));
  w.message(13, (m) => named(m, 1, obj(doc.securityDefinitions), securityDefinition));
  return w.finish();
}

/** A map as repeated `Named*` messages in `field`: name 1, value 2. */
function named(w: ProtoWriter, field: number, map: Json, writeValue: (w: ProtoWriter, value: unknown) => void): void {
  for (const [name, value] of Object.entries(map)) {
    w.message(field, (entry) => {
      entry.string(1, name);
      entry.message(2, (v) => writeValue(v, value));
    });
  }
}

/** `StringArray`: value 1. */
function stringArray(w: ProtoWriter, value: unknown): void {
  w.repeatedString(1, arr(value).map(str));
}

/** `SecurityDefinitionsItem`: api_key_security 2 → `ApiKeySecurity` type 1, name 2, in 3. */
function securityDefinition(w: ProtoWriter, value: unknown): void {
  const def = obj(value);
  w.message(2, (m) => {
    m.string(1, str(def.type));
    m.string(2, str(def.name));
    m.string(3, str(def.in));
  });
}

const METHOD_FIELDS: Readonly<Record<string, number>> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

/** `PathItem`: operations by method (2–8), parameters 9. */
function pathItem(w: ProtoWriter, value: unknown): void {
  const item = obj(value);
  for (const [method, field] of Object.entries(METHOD_FIELDS)) {
    if (item[method] !== undefined) w.message(field, (m) => operation(m, obj(item[method])));
  }
  for (const p of arr(item.parameters)) w.message(9, (m) => parametersItem(m, obj(p)));
  vendorExtensions(w, 10, item);
}

/** `Operation`: tags 1, operation_id 5, produces 6, consumes 7, parameters 8, responses 9, schemes 10, extensions 13. */
function operation(w: ProtoWriter, op: Json): void {
  w.repeatedString(1, arr(op.tags).map(str));
  w.string(5, str(op.operationId));
  w.repeatedString(6, arr(op.produces).map(str));
  w.repeatedString(7, arr(op.consumes).map(str));
  for (const p of arr(op.parameters)) w.message(8, (m) => parametersItem(m, obj(p)));
  // `Responses`: response_code 1 → `NamedResponseValue` → `ResponseValue` response 1.
  w.message(9, (m) => named(m, 1, obj(op.responses), (v, r) => v.message(1, (resp) => response(resp, obj(r)))));
  w.repeatedString(10, arr(op.schemes).map(str));
  vendorExtensions(w, 13, op);
}

/** `Response`: description 1, schema 2 → `SchemaItem` schema 1. */
function response(w: ProtoWriter, r: Json): void {
  w.string(1, str(r.description));
  if (r.schema !== undefined) w.message(2, (item) => item.message(1, (s) => schema(s, r.schema)));
}

/** `ParametersItem` parameter 1 → `Parameter`: body_parameter 1 or non_body_parameter 2. */
function parametersItem(w: ProtoWriter, p: Json): void {
  w.message(1, (parameter) => {
    if (p.in === 'body') {
      // `BodyParameter`: name 2, in 3, required 4, schema 5.
      parameter.message(1, (body) => {
        body.string(2, str(p.name));
        body.string(3, 'body');
        body.bool(4, p.required === true);
        body.message(5, (s) => schema(s, p.schema));
      });
      return;
    }
    // `NonBodyParameter`: query_parameter_sub_schema 3, path_parameter_sub_schema 4. The two
    // sub-schemas number `type` and `unique_items` differently.
    const [subField, typeField, uniqueField] = p.in === 'path' ? [4, 5, 19] : [3, 6, 20];
    parameter.message(2, (nonBody) =>
      nonBody.message(subField, (sub) => {
        sub.bool(1, p.required === true);
        sub.string(2, str(p.in));
        sub.string(4, str(p.name));
        sub.string(typeField, str(p.type));
        sub.bool(uniqueField, p.uniqueItems === true);
      }),
    );
  });
}

/**
 * `Schema`: _ref 1, format 2, default 5, required 19, enum 20, additional_properties 21,
 * type 22, items 23, properties 25, vendor_extension 31.
 */
function schema(w: ProtoWriter, value: unknown): void {
  const s = obj(value);
  if (s.$ref !== undefined) w.string(1, str(s.$ref));
  if (s.format !== undefined) w.string(2, str(s.format));
  if (s.default !== undefined) w.message(5, (any) => anyValue(any, s.default));
  if (s.required !== undefined) w.repeatedString(19, arr(s.required).map(str));
  for (const member of arr(s.enum)) w.message(20, (any) => anyValue(any, member));
  const extra = s.additionalProperties;
  // `AdditionalPropertiesItem`: schema 1 or boolean 2 (a oneof: false is written too).
  if (typeof extra === 'boolean') w.message(21, (m) => m.boolAlways(2, extra));
  else if (extra !== undefined) w.message(21, (m) => m.message(1, (inner) => schema(inner, extra)));
  // `TypeItem`: value 1.
  if (s.type !== undefined) w.message(22, (t) => t.repeatedString(1, [str(s.type)]));
  // `ItemsItem`: schema 1.
  if (s.items !== undefined) w.message(23, (items) => items.message(1, (inner) => schema(inner, s.items)));
  // `Properties`: additional_properties 1 → `NamedSchema`.
  if (s.properties !== undefined) w.message(25, (props) => named(props, 1, obj(s.properties), schema));
  vendorExtensions(w, 31, s);
}

/** The `x-…` keys of an object as repeated `NamedAny` in `field`. */
function vendorExtensions(w: ProtoWriter, field: number, value: Json): void {
  for (const [name, extension] of Object.entries(value)) {
    if (!name.startsWith('x-')) continue;
    w.message(field, (entry) => {
      entry.string(1, name);
      entry.message(2, (any) => anyValue(any, extension));
    });
  }
}

/** `Any`: yaml 2, holding the value's text. */
function anyValue(w: ProtoWriter, value: unknown): void {
  w.string(2, `${JSON.stringify(value)}\n`);
}

function obj(value: unknown): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`expected an object, got ${JSON.stringify(value)}`);
  return value as Json;
}

function arr(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`expected an array, got ${JSON.stringify(value)}`);
  return value;
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}
