// Helpers for this folder's tests.
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';

/**
 * Whether the command `name` is on PATH. When it is not, the test is skipped with the
 * reason, except under CI=true, where a missing tool fails the test: CI allows no skips.
 */
export function requireTool(t: TestContext, name: string): boolean {
  const found = (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (found) return true;
  if (process.env['CI'] === 'true') throw new Error(`${name} is not on PATH, and CI allows no skipped tests`);
  t.skip(`${name} is not on PATH`);
  return false;
}

/** A fresh directory under the OS temp dir, removed when the test ends. */
export function temporaryDirectory(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-pki-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
