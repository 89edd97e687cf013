// The annotations that tell a simulated node how a pod's containers behave. They are the
// simulator's only inputs besides the pod spec; see README.md for the table.

import type { Pod } from '../client/index.js';

/** How long the containers of a Never/OnFailure pod run before they exit (Go duration, e.g. `1s`, `2m30s`, `500ms`). */
export const RUN_DURATION_ANNOTATION = 'kubets.io/run-duration';
/** The exit code of the containers when they finish (default 0). */
export const EXIT_CODE_ANNOTATION = 'kubets.io/exit-code';
/** How long after starting the containers turn ready (Go duration; default at once). */
export const READY_AFTER_ANNOTATION = 'kubets.io/ready-after';
/**
 * The containers of a restartPolicy Always pod keep failing: each run lasts this long (Go
 * duration; `true` for 1s), exits with the exit code (default 1), and is restarted with
 * back-off (CrashLoopBackOff).
 */
export const CRASH_LOOP_ANNOTATION = 'kubets.io/crash-loop';

/** What the annotations of one pod ask for; undefined where the pod sets nothing valid. */
export interface PodBehaviour {
  readonly runDurationMs?: number;
  readonly exitCode?: number;
  readonly readyAfterMs?: number;
  readonly crashLoopRunMs?: number;
}

export function podBehaviour(pod: Pod): PodBehaviour {
  const annotations = pod.metadata?.annotations ?? {};
  const exit = annotations[EXIT_CODE_ANNOTATION];
  const exitCode = exit !== undefined && /^\d{1,3}$/.test(exit.trim()) ? Number(exit) : undefined;
  return {
    runDurationMs: parseDuration(annotations[RUN_DURATION_ANNOTATION]),
    exitCode: exitCode !== undefined && exitCode <= 255 ? exitCode : undefined,
    readyAfterMs: parseDuration(annotations[READY_AFTER_ANNOTATION]),
    crashLoopRunMs: annotations[CRASH_LOOP_ANNOTATION]?.trim() === 'true' ? 1000 : parseDuration(annotations[CRASH_LOOP_ANNOTATION]),
  };
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration (`1h2m3.5s`, `250ms`) or a bare number of seconds, in ms; undefined when malformed. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
  return total;
}
