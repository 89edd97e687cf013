import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  bitString,
  boolean,
  DerError,
  explicit,
  ia5String,
  implicit,
  integer,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  printableString,
  readChildren,
  readElement,
  readSingle,
  sequence,
  set,
  Tags,
  time,
  utf8String,
} from './der.js';
import { requireTool } from './testing.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('INTEGER: minimal, never negative, big serials', () => {
  assert.equal(hex(integer(0)), '020100');
  assert.equal(hex(integer(127)), '02017f');
  assert.equal(hex(integer(128)), '02020080');
  assert.equal(hex(integer(256)), '02020100');
  assert.equal(hex(integer(2n ** 64n)), '0209010000000000000000');
  assert.equal(hex(integer(Buffer.from([0, 0, 5]))), '020105');
  assert.equal(hex(integer(Buffer.alloc(3))), '020100');
  const serial = Buffer.alloc(16, 0xff);
  assert.equal(hex(integer(serial)), '0211' + '00' + 'ff'.repeat(16));
  assert.throws(() => integer(-1), RangeError);
});

test('lengths switch to the long form at 128 bytes', () => {
  assert.equal(hex(octetString(Buffer.alloc(127))).slice(0, 4), '047f');
  assert.equal(hex(octetString(Buffer.alloc(128))).slice(0, 6), '048180');
  assert.equal(hex(octetString(Buffer.alloc(300))).slice(0, 8), '0482012c');
  assert.equal(octetString(Buffer.alloc(70000)).length, 70000 + 5);
});

test('OBJECT IDENTIFIER in base 128', () => {
  assert.equal(hex(objectIdentifier('1.2.840.10045.4.3.2')), '06082a8648ce3d040302');
  assert.equal(hex(objectIdentifier('2.5.29.17')), '0603551d11');
  assert.equal(hex(objectIdentifier('2.999.3')), '0603883703');
  assert.throws(() => objectIdentifier('1'), RangeError);
  assert.throws(() => objectIdentifier('1.2.x'), RangeError);
});

test('strings', () => {
  assert.equal(hex(printableString('Ab 1')), '130441622031');
  assert.throws(() => printableString('a@b'), RangeError);
  assert.throws(() => printableString('system_x'), RangeError);
  assert.equal(hex(utf8String('é')), '0c02c3a9');
  assert.equal(hex(ia5String('a.b')), '1603612e62');
  assert.throws(() => ia5String('é'), RangeError);
});

test('times: UTCTime from 1950 to 2049, GeneralizedTime outside, whole seconds', () => {
  const text = (b: Buffer) => [b[0], b.subarray(2).toString('ascii')];
  assert.deepEqual(text(time(new Date('2049-12-31T23:59:59.999Z'))), [0x17, '491231235959Z']);
  assert.deepEqual(text(time(new Date('2050-01-01T00:00:00Z'))), [0x18, '20500101000000Z']);
  assert.deepEqual(text(time(new Date('1950-06-01T01:02:03Z'))), [0x17, '500601010203Z']);
  assert.deepEqual(text(time(new Date('1949-12-31T23:59:59Z'))), [0x18, '19491231235959Z']);
  assert.deepEqual(text(time(new Date('2026-03-04T05:06:07Z'))), [0x17, '260304050607Z']);
});

test('BIT STRINGs: whole bytes, and named bits without trailing zeros', () => {
  assert.equal(hex(bitString(Buffer.from([0xab]))), '030200ab');
  assert.equal(hex(namedBits([])), '030100');
  assert.equal(hex(namedBits([0])), '03020780'); // digitalSignature
  assert.equal(hex(namedBits([0, 2])), '030205a0'); // digitalSignature, keyEncipherment
  assert.equal(hex(namedBits([0, 5, 6])), '03020186'); // + keyCertSign, cRLSign
  assert.equal(hex(namedBits([7])), '03020001');
  assert.equal(hex(namedBits([8])), '0303070080'); // decipherOnly
});

test('BOOLEAN, NULL, SEQUENCE, SET (sorted), tagging', () => {
  assert.equal(hex(boolean(true)), '0101ff');
  assert.equal(hex(boolean(false)), '010100');
  assert.equal(hex(nullValue()), '0500');
  assert.equal(hex(sequence(integer(1), integer(2))), '3006020101020102');
  assert.equal(hex(set(integer(2), integer(1))), '3106020101020102');
  assert.equal(hex(explicit(0, integer(2))), 'a003020102');
  assert.equal(hex(implicit(2, ia5String('a'))), '820161'); // dNSName
  assert.equal(hex(implicit(7, octetString(Buffer.from([127, 0, 0, 1])))), '87047f000001'); // iPAddress
  assert.equal(hex(implicit(1, sequence())), 'a100'); // constructed stays constructed
});

test('the reader takes apart what the encoders build', () => {
  const encoded = sequence(integer(5), explicit(3, sequence(octetString(Buffer.from('hi')))), boolean(true));
  const top = readSingle(encoded, Tags.SEQUENCE);
  const [five, tagged, flag] = readChildren(top);
  assert.equal(hex(five?.raw ?? Buffer.alloc(0)), '020105');
  assert.equal(tagged?.tag, Tags.CONTEXT_3_CONSTRUCTED);
  const inner = readChildren(readChildren(tagged ?? top)[0] ?? top)[0];
  assert.equal(inner?.content.toString(), 'hi');
  assert.equal(flag?.content[0], 0xff);
  const long = octetString(Buffer.alloc(300, 1));
  assert.equal(readElement(long).content.length, 300);
});

test('the reader rejects malformed input', () => {
  assert.throws(() => readElement(Buffer.from([0x30])), DerError);
  assert.throws(() => readElement(Buffer.from([0x30, 0x05, 0x01])), DerError);
  assert.throws(() => readElement(Buffer.from([0x04, 0x82, 0x01])), DerError);
  assert.throws(() => readSingle(Buffer.from([0x05, 0x00, 0x00]), 0x05), /trailing bytes/);
  assert.throws(() => readSingle(Buffer.from([0x05, 0x00]), Tags.SEQUENCE), /expected tag 0x30/);
  assert.throws(() => readChildren(readElement(integer(1))), /not constructed/);
});

test('OpenSSL reads a structure built from every encoder', (t) => {
  if (!requireTool(t, 'openssl')) return;
  const der = sequence(
    objectIdentifier('1.2.840.10045.4.3.2'),
    integer(Buffer.alloc(16, 0x9f)),
    time(new Date('2049-12-31T23:59:59Z')),
    time(new Date('2050-01-01T00:00:00Z')),
    printableString('kubets'),
    utf8String('système'),
    set(boolean(true), nullValue()),
    namedBits([0, 5, 6]),
    explicit(0, octetString(Buffer.alloc(200, 7))),
  );
  const out = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der }).toString();
  assert.match(out, /OBJECT\s+:ecdsa-with-SHA256/);
  assert.match(out, /INTEGER\s+:9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F/);
  assert.match(out, /UTCTIME\s+:491231235959Z/);
  assert.match(out, /GENERALIZEDTIME\s+:20500101000000Z/);
  assert.match(out, /PRINTABLESTRING\s+:kubets/);
  assert.match(out, /UTF8STRING/);
  assert.match(out, /BOOLEAN\s+:255/);
  assert.match(out, /NULL/);
  assert.match(out, /BIT STRING/);
  assert.match(out, /cont \[ 0 \]/);
  assert.doesNotMatch(out, /error/i);
});
