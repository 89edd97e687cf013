import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, exponentialBuckets, Gauge, Histogram, LabelCountError, Registry } from './metrics.js';

test('the registry writes families in the text format, sorted, labelled families only with children', () => {
  const registry = new Registry();
  const attempts = registry.register(new Counter({ name: 'x_attempts_total', help: 'Attempts.', labels: ['result', 'profile'] }));
  registry.register(new Counter({ name: 'x_preemptions_total', help: 'Plain.' }));
  registry.register(new Gauge({ name: 'x_empty', help: 'No children.', labels: ['queue'] }));
  const pending = registry.register(new Gauge({ name: 'x_pending', help: 'Pending.', labels: ['queue'] }));
  const scheduled = attempts.with('scheduled', 'default-scheduler');
  scheduled.inc();
  scheduled.inc(2);
  attempts.with('error', 'a "quoted"\\name').inc();
  registry.beforeScrape(() => pending.with('active').set(1_500_000));
  assert.equal(
    registry.expose(),
    '# HELP x_attempts_total Attempts.\n# TYPE x_attempts_total counter\n' +
      'x_attempts_total{result="scheduled",profile="default-scheduler"} 3\n' +
      'x_attempts_total{result="error",profile="a \\"quoted\\"\\\\name"} 1\n' +
      '# HELP x_pending Pending.\n# TYPE x_pending gauge\nx_pending{queue="active"} 1.5e+06\n' +
      '# HELP x_preemptions_total Plain.\n# TYPE x_preemptions_total counter\nx_preemptions_total 0\n',
  );
  assert.throws(() => attempts.with('only-one'), LabelCountError);
});

test('histograms: cumulative buckets with le as Go prints it, +Inf, sum and count', () => {
  const h = new Histogram({ name: 'x_seconds', help: 'Latency.', labels: ['result'], buckets: exponentialBuckets(0.0001, 2, 3) });
  const child = h.with('ok');
  for (const v of [0.00005, 0.0001, 0.0003, 5]) child.observe(v);
  assert.equal(
    h.expose(),
    '# HELP x_seconds Latency.\n# TYPE x_seconds histogram\n' +
      'x_seconds_bucket{result="ok",le="0.0001"} 2\n' +
      'x_seconds_bucket{result="ok",le="0.0002"} 2\n' +
      'x_seconds_bucket{result="ok",le="0.0004"} 3\n' +
      'x_seconds_bucket{result="ok",le="+Inf"} 4\n' +
      'x_seconds_sum{result="ok"} 5.00045\n' +
      'x_seconds_count{result="ok"} 4\n',
  );
  assert.deepEqual(exponentialBuckets(0.00001, 1.5, 2), [0.00001, 0.000015000000000000002]);
  assert.equal(new Histogram({ name: 'y', help: 'h', buckets: [1e-5] }).expose().split('\n')[2], 'y_bucket{le="1e-05"} 0');
});
