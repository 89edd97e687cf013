// Starting the test child scripts of this folder: `node --import tsx <script>`, from the
// repository root so that tsx resolves, optionally as the unprivileged user `nobody`
// (when the tests run as root, for whom no file is ever unwritable).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const NOBODY = 65534;

export interface ChildOptions {
  /** Run as `nobody` when this process is root. */
  readonly unprivileged?: boolean;
}

/** Starts `script` (a file of this folder) with `args`; stdout and stderr are pipes. */
export function startChild(script: string, args: readonly string[], options: ChildOptions = {}): ChildProcess {
  const asNobody = options.unprivileged === true && process.getuid?.() === 0;
  return spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
}

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a child to its end and collects its output. */
export function runChild(script: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  const child = startChild(script, args, options);
  return collect(child);
}

/** Waits for a child to exit and returns what it printed. */
export function collect(child: ChildProcess): Promise<ChildResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
