import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schedulerCommand } from './cli.js';

function capture(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.join(' '));
  return { lines, restore: () => (console.error = original) };
}

test('a bad configuration file stops the scheduler with the field named', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubets-sched-'));
  try {
    const config = path.join(dir, 'config.yaml');
    writeFileSync(
      config,
      'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: a\n  plugins:\n    score:\n      enabled:\n      - name: Nope\n',
    );
    const out = capture();
    let code: number;
    try {
      code = await schedulerCommand(['--kubeconfig', path.join(dir, 'unused'), '--config', config]);
    } finally {
      out.restore();
    }
    assert.equal(code, 1);
    assert.match(out.lines.join('\n'), /invalid configuration: profiles\[0\]\.plugins\.score\.enabled\[0\]\.name: Invalid value: "Nope": plugin not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--kubeconfig is required; unknown flags are usage errors', async () => {
  const out = capture();
  try {
    assert.equal(await schedulerCommand([]), 2);
    assert.equal(await schedulerCommand(['--kubeconfig', 'x', '--bogus']), 2);
  } finally {
    out.restore();
  }
  assert.match(out.lines[0] ?? '', /--kubeconfig is required/);
});
