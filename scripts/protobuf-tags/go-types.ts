// Reads the Go type declarations of an API package (types.go and its siblings) for what
// the .proto files do not say and the JSON form depends on: each struct field's JSON name
// and options (omitempty, omitzero, inline), whether it is a pointer, and which
// protobuf field number it carries; and which named types are slices (ExtraValue, Verbs),
// which go-to-protobuf wraps in a message of their items.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface GoField {
  /** Empty for an embedded field. */
  readonly name: string;
  /** As written: `*int32`, `[]Container`, `metav1.ObjectMeta`, … */
  readonly goType: string;
  /** The protobuf field number, when the field has a `protobuf` tag. */
  readonly protobufNumber?: number;
  /** The JSON name; '' for an embedded struct whose fields are promoted. */
  readonly jsonName: string;
  readonly omitempty: boolean;
  readonly omitzero: boolean;
  /** The `json:"-"` fields, which JSON never shows. */
  readonly jsonSkipped: boolean;
}

export type GoType = { readonly kind: 'struct'; readonly fields: readonly GoField[] } | { readonly kind: 'slice' } | { readonly kind: 'other' };

const TYPE_DECL = /^type\s+(\w+)\s+(.+)$/;
const MARSHAL_JSON = /^func\s+\(\w+\s+\*?(\w+)\)\s+MarshalJSON\(\)/;
const NAMED_FIELD = /^(\w+)\s+([^\s`]+)\s*(?:`([^`]*)`)?$/;
const EMBEDDED_FIELD = /^(\*?[\w.]+)\s*(?:`([^`]*)`)?$/;

/**
 * Go source without comments and blank lines. Line comments go first: they quote paths
 * such as `deployments/*`, which would otherwise open a block comment. (No struct tag or
 * string in these files holds `//`.)
 */
function codeLines(text: string): string[] {
  return text
    .replace(/\/\/.*$/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

function tagValue(tags: string, key: string): string | undefined {
  return new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tags)?.[1];
}

function parseField(line: string): GoField | undefined {
  const text = line.trim();
  const named = NAMED_FIELD.exec(text);
  const embedded = named ? undefined : EMBEDDED_FIELD.exec(text);
  if (!named && !embedded) return undefined;
  const name = named ? named[1]! : '';
  const goType = named ? named[2]! : embedded![1]!;
  const tags = (named ? named[3] : embedded![2]) ?? '';
  const json = tagValue(tags, 'json');
  const protobuf = tagValue(tags, 'protobuf');
  const [jsonName = '', ...options] = (json ?? '').split(',');
  const number = protobuf === undefined ? undefined : Number(protobuf.split(',')[1]);
  return {
    name,
    goType,
    ...(number !== undefined && Number.isInteger(number) ? { protobufNumber: number } : {}),
    jsonName: json === undefined || jsonName === '' ? name : jsonName,
    omitempty: options.includes('omitempty'),
    omitzero: options.includes('omitzero'),
    jsonSkipped: jsonName === '-' && options.length === 0,
  };
}

/** The named types of a package, and which of them write their own JSON. */
export interface GoPackage {
  readonly types: Map<string, GoType>;
  /** Types with a MarshalJSON method: their JSON form is not their fields'. */
  readonly customJSON: Set<string>;
}

/** The named types declared in one file. */
function typesOfFile(text: string, into: GoPackage): void {
  const lines = codeLines(text);
  for (let i = 0; i < lines.length; i++) {
    const marshal = MARSHAL_JSON.exec(lines[i]!);
    if (marshal) into.customJSON.add(marshal[1]!);
    const decl = TYPE_DECL.exec(lines[i]!);
    if (!decl) continue;
    const [, name, rest] = decl as unknown as [string, string, string];
    if (/^struct\s*\{\s*\}$/.test(rest)) {
      into.types.set(name, { kind: 'struct', fields: [] });
      continue;
    }
    if (rest !== 'struct {') {
      into.types.set(name, { kind: rest.startsWith('[]') && rest !== '[]byte' ? 'slice' : 'other' });
      continue;
    }
    const fields: GoField[] = [];
    for (i++; i < lines.length && lines[i] !== '}'; i++) {
      const field = parseField(lines[i]!);
      if (field) fields.push(field);
    }
    into.types.set(name, { kind: 'struct', fields });
  }
}

/** The Go files of a directory that declare its API types: not tests, not generated code. */
export function goSourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.go') && !file.endsWith('_test.go') && !file.startsWith('zz_generated') && !file.endsWith('.pb.go'))
    .sort()
    .map((file) => path.join(dir, file));
}

/** The named types declared in the hand-written Go files of a directory. */
export function readGoPackage(dir: string): GoPackage {
  const pkg: GoPackage = { types: new Map(), customJSON: new Set() };
  for (const file of goSourceFiles(dir)) typesOfFile(readFileSync(file, 'utf8'), pkg);
  return pkg;
}
