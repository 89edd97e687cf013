import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufDecodeError } from './errors.js';
import { bytesOf, doubleOf, int32Of, int64Of, readFields, readPackedVarints, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './wire-reader.js';
import { ProtoWriter } from './wire-writer.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s/g, ''), 'hex'));

test('varints: one byte, several bytes, the protobuf spec example 300', () => {
  const [a, b, c] = readFields(fromHex('0801 10ac02 18ffffffff0f'));
  assert.deepEqual([a?.number, a?.wireType, a?.lo, a?.hi], [1, WIRE_VARINT, 1, 0]);
  assert.deepEqual([b?.number, b?.lo], [2, 300]);
  assert.deepEqual([c?.number, c?.lo, c?.hi], [3, 0xffffffff, 0]);
});

test('negative int32 and int64 are ten-byte varints; int32 keeps the low 32 bits, signed', () => {
  const writer = new ProtoWriter();
  writer.int(1, -1);
  writer.int(2, -(2 ** 40));
  writer.int(3, 2 ** 40 + 5);
  const bytes = writer.finish();
  assert.equal(hex(bytes.subarray(0, 11)), '08ffffffffffffffffff01');
  const [minusOne, big, positive] = readFields(bytes);
  assert.equal(int32Of(minusOne!.lo), -1);
  assert.equal(int64Of(minusOne!.lo, minusOne!.hi), -1);
  assert.equal(int64Of(big!.lo, big!.hi), -(2 ** 40));
  assert.equal(int64Of(positive!.lo, positive!.hi), 2 ** 40 + 5);
  // An int32 field that overflows keeps its low 32 bits, as Go's int32 conversion does.
  const [overflow] = readFields(fromHex('0880808080 10'));
  assert.equal(int32Of(overflow!.lo), 0);
});

test('int64 beyond 2^53 comes out as the nearest double', () => {
  const writer = new ProtoWriter();
  writer.int(1, Number.MAX_SAFE_INTEGER + 1);
  const [field] = readFields(writer.finish());
  assert.equal(int64Of(field!.lo, field!.hi), 2 ** 53);
});

test('length-delimited fields: strings and nested messages are views into the data', () => {
  const writer = new ProtoWriter();
  writer.string(1, 'héllo');
  writer.message(2, (inner) => inner.int(1, 7));
  writer.bytes(3, new Uint8Array());
  const [s, m, empty] = readFields(writer.finish());
  assert.equal(s?.wireType, WIRE_LENGTH_DELIMITED);
  assert.equal(new TextDecoder().decode(bytesOf(s!)), 'héllo');
  const [inner] = readFields(m!.data, m!.start, m!.end);
  assert.deepEqual([inner?.number, inner?.lo], [1, 7]);
  assert.equal(bytesOf(empty!).length, 0);
});

test('fixed 64-bit doubles, and packed varints', () => {
  const writer = new ProtoWriter();
  writer.double(1, -2.5);
  writer.bytes(2, fromHex('01 ac02 ffffffffffffffffff01'));
  const [d, packed] = readFields(writer.finish());
  assert.equal(d?.wireType, WIRE_FIXED64);
  assert.equal(doubleOf(d!), -2.5);
  const values = readPackedVarints(packed!).map(([lo, hi]) => int64Of(lo, hi));
  assert.deepEqual(values, [1, 300, -1]);
});

test('fixed 32-bit fields are read (to be skipped), groups are refused', () => {
  const [f] = readFields(fromHex('0d 01020304'));
  assert.deepEqual([f?.number, bytesOf(f!).length], [1, 4]);
  assert.throws(() => readFields(fromHex('0b')), /illegal wire type 3/);
});

test('malformed data: truncated varint, length past the end, eleven-byte varint, field 0', () => {
  assert.throws(() => readFields(fromHex('08ff')), ProtobufDecodeError);
  assert.throws(() => readFields(fromHex('0a05 6162')), /unexpected end of data in a length-delimited value/);
  assert.throws(() => readFields(fromHex('08 ffffffffffffffffffff01')), /longer than ten bytes/);
  assert.throws(() => readFields(fromHex('0001')), /illegal field number 0/);
  assert.throws(() => readFields(fromHex('09 0102')), /fixed-size value/);
});
