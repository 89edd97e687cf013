import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProtoWriter } from './protobuf-writer.js';
import { readFields } from './protobuf-reader.testing.js';

function hex(write: (w: ProtoWriter) => void): string {
  const w = new ProtoWriter();
  write(w);
  return w.finish().toString('hex');
}

describe('ProtoWriter', () => {
  test('the wire format of the protobuf documentation examples', () => {
    // https://protobuf.dev/programming-guides/encoding/: "testing" in field 2 is 12 07 74 65 73 74 69 6e 67;
    // 150 as a varint is 96 01.
    assert.equal(hex((w) => w.string(2, 'testing')), '120774657374696e67');
    assert.equal(hex((w) => w.string(1, 'x'.repeat(150))), `0a9601${'78'.repeat(150)}`);
    assert.equal(hex((w) => w.message(3, (m) => m.boolAlways(1, true))), '1a020801');
    assert.equal(hex((w) => w.message(3, (m) => m.string(1, 'a'))), '1a030a0161');
  });

  test('proto3 defaults are left out, except where presence matters', () => {
    assert.equal(hex((w) => w.string(1, '')), '');
    assert.equal(hex((w) => w.bool(1, false)), '');
    assert.equal(hex((w) => w.boolAlways(2, false)), '1000');
    assert.equal(hex((w) => w.message(4, () => undefined)), '2200');
    assert.equal(hex((w) => w.repeatedString(1, ['', 'x'])), '0a000a0178');
  });

  test('multi-byte varints: field numbers past 15, lengths past 127', () => {
    // Field 31, wire type 2 → key 250 = fa 01; length 300 = ac 02.
    const long = 'x'.repeat(300);
    assert.equal(hex((w) => w.string(31, long)), `fa01ac02${Buffer.from(long).toString('hex')}`);
  });

  test('deep and wide trees larger than one arena chunk read back intact', () => {
    const w = new ProtoWriter();
    for (let i = 0; i < 5000; i++) {
      w.message(1, (entry) => {
        entry.string(1, `name-${i}`);
        entry.message(2, (value) => value.string(2, `${'v'.repeat(i % 40)}${i}`));
      });
    }
    w.string(2, 'z'.repeat(5000));
    const fields = readFields(w.finish());
    assert.equal(fields.length, 5001);
    fields.slice(0, 5000).forEach((f, i) => {
      assert.equal(f.field, 1);
      const [name, value] = readFields(f.bytes());
      assert.equal(name?.text(), `name-${i}`);
      assert.equal(readFields(value?.bytes() ?? Buffer.alloc(0))[0]?.text(), `${'v'.repeat(i % 40)}${i}`);
    });
    assert.equal(fields[5000]?.text(), 'z'.repeat(5000));
  });
});
