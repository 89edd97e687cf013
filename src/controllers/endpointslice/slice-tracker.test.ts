import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SliceTracker } from './slice-tracker.js';

const slice = (name: string, rv: string) => ({ metadata: { name, resourceVersion: rv } });

describe('SliceTracker', () => {
  test('not caught up until the cache shows each written version and no deleted slice', () => {
    const tracker = new SliceTracker();
    assert.equal(tracker.caughtUp('ns/svc', []), true);
    tracker.wrote('ns/svc', slice('svc-a', '10'));
    tracker.deleted('ns/svc', 'svc-b');
    assert.equal(tracker.caughtUp('ns/svc', []), false);
    assert.equal(tracker.caughtUp('ns/svc', [slice('svc-a', '9')]), false);
    assert.equal(tracker.caughtUp('ns/svc', [slice('svc-a', '10'), slice('svc-b', '3')]), false);
    assert.equal(tracker.caughtUp('ns/svc', [slice('svc-a', '11')]), true);
    // Once caught up the record is dropped.
    assert.equal(tracker.caughtUp('ns/svc', []), true);
  });
});
