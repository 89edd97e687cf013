// Command-line flags for kubets commands: upstream-style `--name value` / `--name=value`,
// a generated --help, and errors that name the flag.

import { parseArgs } from 'node:util';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly default?: string | boolean;
}

export type FlagValues<S extends Record<string, FlagSpec>> = {
  [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : string;
};

/** Thrown when the command line cannot be parsed; the message is for a person. */
export class FlagError extends Error {}

export function parseFlags<S extends Record<string, FlagSpec>>(
  command: string,
  spec: S,
  argv: string[],
): FlagValues<S> | 'help' {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, flag] of Object.entries(spec)) options[name] = { type: flag.type };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new FlagError(`kubets ${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}\nRun 'kubets ${command} --help' for usage.`);
  }
  if (values.help) return 'help';
  const out: Record<string, string | boolean> = {};
  for (const [name, flag] of Object.entries(spec)) {
    out[name] = values[name] ?? flag.default ?? (flag.type === 'boolean' ? false : '');
  }
  return out as FlagValues<S>;
}

export function usage(command: string, summary: string, spec: Record<string, FlagSpec>): string {
  const lines = [`Usage: kubets ${command} [flags]`, '', summary, '', 'Flags:'];
  for (const [name, flag] of Object.entries(spec)) {
    const def = flag.default === undefined || flag.default === '' ? '' : ` (default ${String(flag.default)})`;
    lines.push(`  --${name}${flag.type === 'string' ? ' VALUE' : ''}`.padEnd(30) + flag.description + def);
  }
  lines.push('  -h, --help'.padEnd(30) + 'print this help');
  return lines.join('\n');
}

/** A port flag as a number, or a FlagError naming the flag. */
export function portFlag(command: string, name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FlagError(`kubets ${command}: --${name} must be a port number (0-65535), not "${value}"`);
  }
  return port;
}

export function countFlag(command: string, name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new FlagError(`kubets ${command}: --${name} must be a whole number, not "${value}"`);
  return n;
}
