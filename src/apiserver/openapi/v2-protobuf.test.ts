import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFields, type WireField } from './protobuf-reader.testing.js';
import type { JsonSchema } from './schemas.js';
import { openapiV2Document, openapiV2Json } from './v2.js';
import { openapiV2Protobuf } from './v2-protobuf.js';

type Json = JsonSchema;

// A decoder of gnostic's openapi.v2.Document written from OpenAPIv2.proto's field
// numbers, back into Swagger JSON. Every message checks that it holds no field it does
// not know, so a wrong field number fails the round trip instead of vanishing.

type Fields = Map<number, WireField[]>;

function fieldsOf(buf: Buffer, message: string, known: readonly number[]): Fields {
  const out: Fields = new Map();
  for (const f of readFields(buf)) {
    assert.ok(known.includes(f.field), `${message} has no field ${f.field}`);
    assert.equal(f.wireType, wireTypeOf(message, f.field), `${message} field ${f.field} wire type`);
    out.set(f.field, [...(out.get(f.field) ?? []), f]);
  }
  return out;
}

/** Every field the decoder reads is length-delimited except the bools listed here. */
const BOOL_FIELDS: Readonly<Record<string, readonly number[]>> = {
  BodyParameter: [4],
  QueryParameterSubSchema: [1, 20],
  PathParameterSubSchema: [1, 19],
  AdditionalPropertiesItem: [2],
};

function wireTypeOf(message: string, field: number): number {
  return BOOL_FIELDS[message]?.includes(field) ? 0 : 2;
}

function one(f: Fields, field: number): WireField | undefined {
  const all = f.get(field) ?? [];
  assert.ok(all.length <= 1, `field ${field} is not repeated`);
  return all[0];
}

const text = (f: Fields, field: number): string | undefined => one(f, field)?.text();
const texts = (f: Fields, field: number): string[] => (f.get(field) ?? []).map((x) => x.text());
const flag = (f: Fields, field: number): boolean | undefined => (one(f, field) === undefined ? undefined : one(f, field)?.varint === 1n);
const sub = (f: Fields, field: number): Buffer | undefined => one(f, field)?.bytes();

/** Repeated Named* (name 1, value 2) → object. */
function named(entries: WireField[] | undefined, message: string, decodeValue: (b: Buffer) => unknown): Json {
  const out: Json = {};
  for (const entry of entries ?? []) {
    const f = fieldsOf(entry.bytes(), message, [1, 2]);
    out[text(f, 1) ?? ''] = decodeValue(sub(f, 2) ?? Buffer.alloc(0));
  }
  return out;
}

/** `Any`: yaml 2 (JSON text here). */
function anyValue(b: Buffer): unknown {
  return JSON.parse(text(fieldsOf(b, 'Any', [2]), 2) ?? 'null') as unknown;
}

function extensions(f: Fields, field: number): Json {
  return named(f.get(field), 'NamedAny', anyValue);
}

function decodeDocument(b: Buffer): Json {
  const f = fieldsOf(b, 'Document', [1, 2, 8, 9, 12, 13]);
  const info = fieldsOf(sub(f, 2) ?? Buffer.alloc(0), 'Info', [1, 2]);
  const paths = fieldsOf(sub(f, 8) ?? Buffer.alloc(0), 'Paths', [2]);
  const definitions = fieldsOf(sub(f, 9) ?? Buffer.alloc(0), 'Definitions', [1]);
  const securityDefinitions = fieldsOf(sub(f, 13) ?? Buffer.alloc(0), 'SecurityDefinitions', [1]);
  return {
    swagger: text(f, 1),
    info: { title: text(info, 1), version: text(info, 2) },
    paths: named(paths.get(2), 'NamedPathItem', decodePathItem),
    definitions: named(definitions.get(1), 'NamedSchema', decodeSchema),
    securityDefinitions: named(securityDefinitions.get(1), 'NamedSecurityDefinitionsItem', (item) => {
      const key = fieldsOf(sub(fieldsOf(item, 'SecurityDefinitionsItem', [2]), 2) ?? Buffer.alloc(0), 'ApiKeySecurity', [1, 2, 3]);
      return { type: text(key, 1), name: text(key, 2), in: text(key, 3) };
    }),
    security: (f.get(12) ?? []).map((r) =>
      named(fieldsOf(r.bytes(), 'SecurityRequirement', [1]).get(1), 'NamedStringArray', (a) => texts(fieldsOf(a, 'StringArray', [1]), 1)),
    ),
  };
}

const METHODS: Readonly<Record<number, string>> = { 2: 'get', 3: 'put', 4: 'post', 5: 'delete', 6: 'options', 7: 'head', 8: 'patch' };

function decodePathItem(b: Buffer): Json {
  const f = fieldsOf(b, 'PathItem', [2, 3, 4, 5, 6, 7, 8, 9]);
  const out: Json = {};
  for (const [field, method] of Object.entries(METHODS)) {
    const op = sub(f, Number(field));
    if (op !== undefined) out[method] = decodeOperation(op);
  }
  if (f.has(9)) out.parameters = (f.get(9) ?? []).map((p) => decodeParametersItem(p.bytes()));
  return out;
}

function decodeOperation(b: Buffer): Json {
  const f = fieldsOf(b, 'Operation', [1, 5, 6, 7, 8, 9, 10, 13]);
  const responses = fieldsOf(sub(f, 9) ?? Buffer.alloc(0), 'Responses', [1]);
  const out: Json = {
    consumes: texts(f, 7),
    operationId: text(f, 5),
    produces: texts(f, 6),
    responses: named(responses.get(1), 'NamedResponseValue', (v) => decodeResponse(sub(fieldsOf(v, 'ResponseValue', [1]), 1) ?? Buffer.alloc(0))),
    schemes: texts(f, 10),
    tags: texts(f, 1),
    ...extensions(f, 13),
  };
  if (f.has(8)) out.parameters = (f.get(8) ?? []).map((p) => decodeParametersItem(p.bytes()));
  return out;
}

function decodeResponse(b: Buffer): Json {
  const f = fieldsOf(b, 'Response', [1, 2]);
  const out: Json = { description: text(f, 1) };
  const item = sub(f, 2);
  if (item !== undefined) out.schema = decodeSchema(sub(fieldsOf(item, 'SchemaItem', [1]), 1) ?? Buffer.alloc(0));
  return out;
}

function decodeParametersItem(b: Buffer): Json {
  const parameter = fieldsOf(sub(fieldsOf(b, 'ParametersItem', [1]), 1) ?? Buffer.alloc(0), 'Parameter', [1, 2]);
  const body = sub(parameter, 1);
  if (body !== undefined) {
    const f = fieldsOf(body, 'BodyParameter', [2, 3, 4, 5]);
    return { in: text(f, 3), name: text(f, 2), ...(flag(f, 4) ? { required: true } : {}), schema: decodeSchema(sub(f, 5) ?? Buffer.alloc(0)) };
  }
  const nonBody = fieldsOf(sub(parameter, 2) ?? Buffer.alloc(0), 'NonBodyParameter', [3, 4]);
  const query = sub(nonBody, 3);
  const [message, schema, typeField, uniqueField] = query !== undefined ? ['QueryParameterSubSchema', query, 6, 20] : ['PathParameterSubSchema', sub(nonBody, 4), 5, 19];
  const f = fieldsOf(schema ?? Buffer.alloc(0), message, [1, 2, 4, typeField, uniqueField]);
  return { in: text(f, 2), name: text(f, 4), ...(flag(f, 1) ? { required: true } : {}), type: text(f, typeField), uniqueItems: flag(f, uniqueField) };
}

function decodeSchema(b: Buffer): Json {
  const f = fieldsOf(b, 'Schema', [1, 2, 5, 19, 20, 21, 22, 23, 25, 31]);
  const out: Json = {};
  if (f.has(1)) out.$ref = text(f, 1);
  if (f.has(22)) {
    const types = texts(fieldsOf(sub(f, 22) ?? Buffer.alloc(0), 'TypeItem', [1]), 1);
    assert.equal(types.length, 1);
    out.type = types[0];
  }
  if (f.has(2)) out.format = text(f, 2);
  if (f.has(23)) {
    const items = fieldsOf(sub(f, 23) ?? Buffer.alloc(0), 'ItemsItem', [1]).get(1) ?? [];
    assert.equal(items.length, 1);
    out.items = decodeSchema(items[0]?.bytes() ?? Buffer.alloc(0));
  }
  if (f.has(25)) out.properties = named(fieldsOf(sub(f, 25) ?? Buffer.alloc(0), 'Properties', [1]).get(1), 'NamedSchema', decodeSchema);
  if (f.has(21)) {
    const extra = fieldsOf(sub(f, 21) ?? Buffer.alloc(0), 'AdditionalPropertiesItem', [1, 2]);
    out.additionalProperties = extra.has(2) ? flag(extra, 2) : decodeSchema(sub(extra, 1) ?? Buffer.alloc(0));
  }
  if (f.has(19)) out.required = texts(f, 19);
  if (f.has(20)) out.enum = (f.get(20) ?? []).map((e) => anyValue(e.bytes()));
  if (f.has(5)) out.default = anyValue(sub(f, 5) ?? Buffer.alloc(0));
  return { ...out, ...extensions(f, 31) };
}

describe('/openapi/v2 as protobuf', () => {
  const encoded = openapiV2Protobuf();

  test('decodes, field by field, to exactly the JSON document', () => {
    assert.deepEqual(decodeDocument(encoded.body), openapiV2Document());
  });

  test('shares the JSON form\'s hash and ETag, as upstream', () => {
    assert.equal(encoded.etag, openapiV2Json().etag);
    assert.equal(encoded.hash, openapiV2Json().hash);
  });

  test('a definition\'s bytes: Deployment\'s group/version/kind is a vendor extension holding YAML-readable text', () => {
    const definitions = fieldsOf(sub(fieldsOf(encoded.body, 'Document', [1, 2, 8, 9, 12, 13]), 9) ?? Buffer.alloc(0), 'Definitions', [1]);
    const deployment = (definitions.get(1) ?? []).map((e) => fieldsOf(e.bytes(), 'NamedSchema', [1, 2])).find((e) => text(e, 1) === 'io.k8s.api.apps.v1.Deployment');
    assert.ok(deployment);
    const schema = fieldsOf(sub(deployment, 2) ?? Buffer.alloc(0), 'Schema', [1, 2, 5, 19, 20, 21, 22, 23, 25, 31]);
    const [extension] = schema.get(31) ?? [];
    const entry = fieldsOf(extension?.bytes() ?? Buffer.alloc(0), 'NamedAny', [1, 2]);
    assert.equal(text(entry, 1), 'x-kubernetes-group-version-kind');
    assert.equal(text(fieldsOf(sub(entry, 2) ?? Buffer.alloc(0), 'Any', [2]), 2), '[{"group":"apps","kind":"Deployment","version":"v1"}]\n');
  });
});
