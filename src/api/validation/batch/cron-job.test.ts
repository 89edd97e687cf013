import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, podTemplate, stored, updateMessages } from '../validation.testing.js';
import { cronJobValidator } from './cron-job.js';

const BASE: ApiObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly', namespace: 'default' },
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: podTemplate({}, 'OnFailure') } } },
};

function cronJob(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('batch', 'cronjobs', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(cronJobValidator, cronJob(patch));
const schedule = (value: string): string[] => check({ spec: { schedule: value } });
const timeZone = (value: string): string[] => check({ spec: { timeZone: value } });

describe('CronJob validation', () => {
  it('accepts a valid cron job', () => {
    assert.deepEqual(check({}), []);
  });

  it('accepts standard schedules, names, steps and descriptors', () => {
    for (const ok of ['*/15 * * * *', '0 9 * * MON-FRI', '0 0 1 jan,jul ?', '5-55/10 0-23/2 1-31 * sun', '@hourly', '@every 1h30m', '@yearly']) {
      assert.deepEqual(schedule(ok), [], ok);
    }
  });

  it('reports the cron parser\'s errors', () => {
    assert.deepEqual(schedule(''), ['spec.schedule: Required value']);
    assert.deepEqual(schedule('* * *'), ['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]']);
    assert.deepEqual(schedule('61 * * * *'), ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
    assert.deepEqual(schedule('* * 0 * *'), ['spec.schedule: Invalid value: "* * 0 * *": beginning of range (0) below minimum (1): 0']);
    assert.deepEqual(schedule('*/0 * * * *'), ['spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0']);
    assert.deepEqual(schedule('5-2 * * * *'), ['spec.schedule: Invalid value: "5-2 * * * *": beginning of range (5) beyond end of range (2): 5-2']);
    assert.deepEqual(schedule('x * * * *'), [
      'spec.schedule: Invalid value: "x * * * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    ]);
    assert.deepEqual(schedule('@fortnightly'), ['spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly']);
    assert.deepEqual(schedule('@every 1x'), [
      'spec.schedule: Invalid value: "@every 1x": failed to parse duration @every 1x: time: unknown unit "x" in duration "1x"',
    ]);
  });

  it('refuses a time zone in the schedule of a new cron job', () => {
    assert.deepEqual(schedule('TZ=UTC 0 * * * *'), [
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('checks timeZone against the IANA zones', () => {
    assert.deepEqual(timeZone('America/New_York'), []);
    assert.deepEqual(timeZone('Etc/GMT+5'), []);
    assert.deepEqual(timeZone('Mars/Olympus_Mons'), ['spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons']);
    assert.deepEqual(timeZone('america/new_york'), ['spec.timeZone: Invalid value: "america/new_york": unknown time zone america/new_york']);
    assert.deepEqual(timeZone('Local'), [
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    assert.deepEqual(timeZone(''), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']);
    assert.deepEqual(timeZone('../etc/passwd'), ['spec.timeZone: Invalid value: "../etc/passwd": unknown time zone ../etc/passwd']);
  });

  it('checks the policy, deadline and history limits', () => {
    assert.deepEqual(check({ spec: { concurrencyPolicy: 'Sometimes', startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -1 } }), [
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('validates the job template, whose selector is generated', () => {
    assert.deepEqual(check({ spec: { jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, manualSelector: true } } } }), [
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated',
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
    ]);
    assert.deepEqual(check({ spec: { jobTemplate: { spec: { backoffLimit: -1, template: { spec: { restartPolicy: 'Always' } } } } } }), [
      'spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('limits new names to 52 characters', () => {
    const name = 'n'.repeat(53);
    assert.deepEqual(check({ metadata: { name } }), [`metadata.name: Invalid value: "${name}": must be no more than 52 characters`]);
    const old = stored({ ...cronJob(), metadata: { ...cronJob().metadata, name } });
    assert.deepEqual(updateMessages(cronJobValidator, patched(old, { spec: { suspend: true } }), old), []);
  });

  it('keeps tolerating TZ in schedules stored with one, but not together with timeZone', () => {
    const old = stored(patched(cronJob(), { spec: { schedule: 'TZ=UTC 0 * * * *' } }));
    assert.deepEqual(updateMessages(cronJobValidator, patched(old, { spec: { schedule: 'CRON_TZ=UTC 5 * * * *' } }), old), []);
    assert.deepEqual(updateMessages(cronJobValidator, patched(old, { spec: { timeZone: 'UTC' } }), old), [
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
    ]);
  });

  it('does not check a stored time zone again', () => {
    const old = stored(patched(cronJob(), { spec: { timeZone: 'Gone/Zone' } }));
    assert.deepEqual(updateMessages(cronJobValidator, patched(old, { spec: { suspend: true } }), old), []);
  });
});
