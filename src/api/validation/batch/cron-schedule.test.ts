import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronScheduleError } from './cron-schedule.js';
import { parseGoDuration } from './go-duration.js';
import { isKnownTimeZone } from './time-zone.js';

describe('cron schedules', () => {
  it('parses what robfig/cron parses', () => {
    for (const ok of ['0 0 * * *', '*/5 1,2,3 1-15/2 JAN-jun 0', '? ? ? ? ?', 'TZ=UTC 0 0 * * *', 'CRON_TZ=Europe/Paris @daily', '@every 90s']) {
      assert.equal(cronScheduleError(ok), undefined, ok);
    }
  });

  it('reports its errors', () => {
    assert.equal(cronScheduleError('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
    assert.equal(cronScheduleError('1/2/3 * * * *'), 'too many slashes: 1/2/3');
    assert.equal(cronScheduleError('* * * * 7'), 'end of range (7) above maximum (6): 7');
    assert.equal(cronScheduleError('* * * foo *'), 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax');
    assert.equal(cronScheduleError('0 0 * * * *'), 'expected exactly 5 fields, found 6: [0 0 * * * *]');
    assert.equal(cronScheduleError('TZ=Nowhere/City 0 * * * *'), 'provided bad location Nowhere/City: unknown time zone Nowhere/City');
    assert.equal(cronScheduleError('TZ=UTC'), 'invalid schedule format: runtime error: slice bounds out of range [:-1]');
  });
});

describe('Go durations', () => {
  it('parses units, fractions and signs', () => {
    assert.equal(parseGoDuration('1h30m'), 5400e9);
    assert.equal(parseGoDuration('1.5s'), 1.5e9);
    assert.equal(parseGoDuration('-2ms'), -2e6);
    assert.equal(parseGoDuration('0'), 0);
  });

  it('fails with Go\'s messages', () => {
    assert.throws(() => parseGoDuration('5'), { message: 'time: missing unit in duration "5"' });
    assert.throws(() => parseGoDuration('5d'), { message: 'time: unknown unit "d" in duration "5d"' });
    assert.throws(() => parseGoDuration(''), { message: 'time: invalid duration ""' });
    assert.throws(() => parseGoDuration('.s'), { message: 'time: invalid duration ".s"' });
  });
});

describe('time zones', () => {
  it('knows IANA names, spelled as IANA spells them', () => {
    assert.ok(isKnownTimeZone('Europe/Berlin'));
    assert.ok(isKnownTimeZone('UTC'));
    assert.ok(!isKnownTimeZone('europe/berlin'));
    assert.ok(!isKnownTimeZone('Europe/Atlantis'));
  });
});
