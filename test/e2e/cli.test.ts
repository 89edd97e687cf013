// The `kubets` command as a person uses it: `up` starts, says where the kubeconfig is and
// what to do next, serves kubectl, and stops cleanly on SIGTERM; bad flags and unusable
// data directories get a clear message and a non-zero exit.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missingProgram, runKubectl } from './harness.js';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function kubets(args: string[], untilStdout?: RegExp, onMatch?: (out: string) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let matched = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!matched && untilStdout?.test(stdout)) {
        matched = true;
        onMatch?.(stdout).then(
          () => child.kill('SIGTERM'),
          (error: unknown) => {
            child.kill('SIGKILL');
            reject(error as Error);
          },
        );
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('kubets command', () => {
  test('--help lists the commands, and each command has --help', async () => {
    const top = await kubets(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^ {2}up\s/m);
    assert.match(top.stdout, /^ {2}apiserver\s/m);
    assert.match(top.stdout, /^ {2}nodes\s/m);
    assert.match(top.stdout, /^ {2}controller-manager\s/m);
    const up = await kubets(['up', '--help']);
    assert.equal(up.code, 0);
    assert.match(up.stdout, /--data-dir VALUE/);
    assert.match(up.stdout, /--port VALUE/);
  });

  test('a bad flag names the flag and exits 2', async () => {
    const bad = await kubets(['up', '--port', 'eighty']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--port must be a port number/);
    const unknown = await kubets(['up', '--frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--frobnicate/);
  });

  test('a corrupt store file is named, refused, and left as it was', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubets-cli-'));
    try {
      mkdirSync(path.join(dir, 'data'));
      const db = path.join(dir, 'data', 'store.db');
      writeFileSync(db, 'this is not a database');
      const run = await kubets(['up', '--data-dir', path.join(dir, 'data'), '--port', '0']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /store\.db/);
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('up prints the kubeconfig and next step, serves kubectl, and stops on SIGTERM', { skip: missingProgram('kubectl') }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubets-cli-'));
    try {
      const dataDir = path.join(dir, 'data');
      let nodes = '';
      const run = await kubets(['up', '--data-dir', dataDir, '--port', '0', '--nodes', '2'], /Press Ctrl\+C to stop/, async (out) => {
        const kubeconfig = /kubeconfig written to (\S+)/.exec(out)?.[1];
        assert.equal(kubeconfig, path.join(dataDir, 'kubeconfig'));
        const result = await runKubectl(kubeconfig, path.join(dir, 'home'), ['get', 'nodes', '-o', 'name']);
        assert.equal(result.code, 0, result.stderr);
        nodes = result.stdout;
        // The controllers run too: the default namespace gets its ServiceAccount.
        const sa = await runKubectl(kubeconfig, path.join(dir, 'home'), ['wait', '--for=create', 'serviceaccount/default', '--timeout=20s']);
        assert.equal(sa.code, 0, sa.stderr);
        // The whole way: Deployment → ReplicaSet → pods, scheduled onto the simulated nodes, Running and Ready.
        const kc = (args: string[]) => runKubectl(kubeconfig, path.join(dir, 'home'), args);
        const created = await kc(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
        assert.equal(created.code, 0, created.stderr);
        const rollout = await kc(['rollout', 'status', 'deployment/web', '--timeout=60s']);
        assert.equal(rollout.code, 0, rollout.stderr + rollout.stdout);
        const pods = await kc(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.status.phase} {.spec.nodeName} {.status.podIP}{"\\n"}{end}']);
        const lines = pods.stdout.trim().split('\n');
        assert.equal(lines.length, 3, pods.stdout);
        for (const line of lines) assert.match(line, /^Running kubets-node-\d \d+\.\d+\.\d+\.\d+$/);
        // The scheduler's metrics are where `up` says, and count the three pods.
        const metricsUrl = /scheduler metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out)?.[1];
        assert.ok(metricsUrl !== undefined, out);
        assert.match(await (await fetch(metricsUrl)).text(), /^scheduler_schedule_attempts_total\{result="scheduled",profile="default-scheduler"\} 3$/m);
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /API server ready at https:\/\/127\.0\.0\.1:\d+ in \d+ ms/);
      assert.match(run.stdout, /2 simulated node\(s\) registered/);
      assert.match(run.stdout, /export KUBECONFIG=/);
      assert.match(run.stdout, /stopped/);
      assert.deepEqual(nodes.trim().split('\n').sort(), ['node/kubets-node-1', 'node/kubets-node-2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
