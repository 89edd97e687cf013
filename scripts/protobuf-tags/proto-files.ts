// Reads the `generated.proto` files that go-to-protobuf writes for the Kubernetes API
// packages: their package name and, per message, each field's number, name, type and
// whether it is repeated or a map. Those files use a small subset of proto2 (no nesting,
// no oneofs, no enums, one field a line), and only that subset is understood here.

import { readFileSync } from 'node:fs';

/** One field of a message, as declared. */
export interface ProtoField {
  readonly number: number;
  readonly name: string;
  /** A scalar (`string`, `int32`, …) or the fully qualified message name, without a leading dot. */
  readonly type: string;
  readonly repeated: boolean;
  /** For `map<string, V>` fields: `type` is V. */
  readonly map: boolean;
}

export interface ProtoMessage {
  /** Fully qualified: `k8s.io.api.core.v1.Pod`. */
  readonly fullName: string;
  readonly name: string;
  readonly fields: readonly ProtoField[];
}

export interface ProtoFile {
  readonly path: string;
  readonly packageName: string;
  readonly messages: readonly ProtoMessage[];
}

/** Thrown when a .proto file has a construct outside the subset this reader knows. */
export class ProtoSyntaxError extends Error {
  constructor(file: string, line: number, text: string) {
    super(`${file}:${line}: cannot read ${JSON.stringify(text.trim())}`);
    this.name = 'ProtoSyntaxError';
  }
}

export const PROTO_SCALARS = new Set(['string', 'bytes', 'bool', 'int32', 'int64', 'double']);

const PACKAGE = /^package\s+([\w.]+)\s*;$/;
const MESSAGE_START = /^message\s+(\w+)\s*\{$/;
const FIELD = /^(optional|repeated)\s+(\.?[\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;$/;
const MAP_FIELD = /^map<\s*string\s*,\s*(\.?[\w.]+)\s*>\s+(\w+)\s*=\s*(\d+)\s*;$/;
const IGNORED = /^(syntax|import|option)\b/;

/** The name a field type refers to: scalars as they are, messages fully qualified. */
function qualify(type: string, packageName: string): string {
  if (PROTO_SCALARS.has(type)) return type;
  if (type.startsWith('.')) return type.slice(1);
  return type.includes('.') ? type : `${packageName}.${type}`;
}

/**
 * Source lines without comments, numbered from 1. Line comments go first: they quote
 * paths such as `deployments/*`, which would otherwise open a block comment.
 */
function codeLines(text: string): [number, string][] {
  const withoutLineComments = text.replace(/\/\/.*$/gm, '');
  const withoutBlocks = withoutLineComments.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ''));
  return withoutBlocks
    .split('\n')
    .map((line, i): [number, string] => [i + 1, line.trim()])
    .filter(([, line]) => line !== '');
}

export function readProtoFile(path: string): ProtoFile {
  let packageName = '';
  const messages: ProtoMessage[] = [];
  let current: { name: string; fields: ProtoField[] } | undefined;
  for (const [number, line] of codeLines(readFileSync(path, 'utf8'))) {
    const fail = () => new ProtoSyntaxError(path, number, line);
    if (current === undefined) {
      const pkg = PACKAGE.exec(line);
      const start = MESSAGE_START.exec(line);
      if (pkg) packageName = pkg[1]!;
      else if (start) current = { name: start[1]!, fields: [] };
      else if (!IGNORED.test(line)) throw fail();
      continue;
    }
    if (line === '}') {
      messages.push({ fullName: `${packageName}.${current.name}`, name: current.name, fields: current.fields });
      current = undefined;
      continue;
    }
    const field = FIELD.exec(line);
    const map = MAP_FIELD.exec(line);
    if (field) {
      const [, label, type, name, tag] = field as unknown as [string, string, string, string, string];
      current.fields.push({ number: Number(tag), name, type: qualify(type, packageName), repeated: label === 'repeated', map: false });
    } else if (map) {
      const [, type, name, tag] = map as unknown as [string, string, string, string];
      current.fields.push({ number: Number(tag), name, type: qualify(type, packageName), repeated: false, map: true });
    } else {
      throw fail();
    }
  }
  if (packageName === '') throw new ProtoSyntaxError(path, 0, 'no package statement');
  return { path, packageName, messages };
}
