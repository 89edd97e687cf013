import assert from 'node:assert/strict';
import { test } from 'node:test';
import { humanDuration, since, timeOf } from './duration.js';
import { NOW, ago } from './fixtures.testing.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

test('humanDuration follows upstream thresholds', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-1999, '0s'], // within the two-second skew tolerance
    [-1 * S, '0s'],
    [0, '0s'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [123 * S, '2m3s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 45 * D, '2y45d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [9 * Y + 100 * D, '9y'],
  ];
  for (const [ms, text] of cases) assert.equal(humanDuration(ms), text, `${ms}ms`);
});

test('since measures up to now and marks missing timestamps', () => {
  assert.equal(since(ago('10m'), NOW), '10m');
  assert.equal(since('2026-03-01T11:59:59.500000Z', NOW), '0s');
  assert.equal(since(undefined, NOW), '<unknown>');
  assert.equal(since(null, NOW), '<unknown>');
  assert.equal(since('', NOW), '<unknown>');
  assert.equal(since('0001-01-01T00:00:00Z', NOW), '<unknown>');
  assert.equal(since('2026-03-01T12:00:05Z', NOW), '<invalid>');
});

test('timeOf reads Time and MicroTime, and nothing else', () => {
  assert.equal(timeOf('2026-03-01T12:00:00Z'), NOW.getTime());
  assert.equal(timeOf('2026-03-01T12:00:00.250000Z'), NOW.getTime() + 250);
  assert.equal(timeOf('yesterday'), undefined);
  assert.equal(timeOf(42), undefined);
});
