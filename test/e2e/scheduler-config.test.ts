// `kubets scheduler --config` with a bad KubeSchedulerConfiguration, as a person runs it:
// the process prints the field at fault and exits 1 before it contacts any API server (the
// kubeconfig given does not even exist).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

const CONFIG = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  pluginConfig:
  - name: NodeAffinity
    args:
      addedAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
          - matchExpressions:
            - {key: pool, operator: In}
  - name: NodeResourcesBalancedAllocation
    args:
      resources: [{name: cpu, weight: 2}]
      typo: 1
`;

test('a bad pluginConfig stops `kubets scheduler` with every field named and exit code 1', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubets-sched-config-'));
  try {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, CONFIG);
    const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'scheduler', '--kubeconfig', path.join(dir, 'missing'), '--config', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stderr.trim(),
      'kubets scheduler: invalid configuration: [' +
        "profiles[0].pluginConfig[0].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', " +
        'profiles[0].pluginConfig[1].args.typo: unknown field]',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
