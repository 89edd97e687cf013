// Joins the .proto messages with their Go types into the table of
// src/api/generated/protobuf-tags.ts: starting from every type of the API catalogue that
// has a protobuf message, and following the messages their fields refer to.

import path from 'node:path';
import type { TypeSchema } from '../../src/api/catalogue.js';
import type { GeneratedProtobufTags, ProtobufFieldEntry } from '../../src/api/protobuf/tags.js';
import { readGoPackage, type GoField, type GoPackage } from './go-types.js';
import { PROTO_SCALARS, type ProtoField, type ProtoFile, type ProtoMessage } from './proto-files.js';

/** Thrown when the .proto files and the Go types do not fit together. */
export class ProtobufInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufInputError';
  }
}

/** What the join noticed that a reader of the generator's output should know. */
export interface JoinReport {
  /** Catalogue types without a protobuf message (never sent as protobuf). */
  readonly withoutMessage: string[];
  /** `Message.field` entries left out because the catalogue's schema has no such property. */
  readonly dropped: string[];
  /** `Type.property` of the catalogue that no protobuf field carries. */
  readonly notCarried: string[];
}

/** `k8s.io.api.core.v1.Pod` → `io.k8s.api.core.v1.Pod`; `apiextensions_apiserver` → `apiextensions-apiserver`. */
export function catalogueName(protoName: string): string {
  return protoName.replace(/^k8s\.io\./, 'io.k8s.').replace(/_/g, '-');
}

function protoName(catalogueTypeName: string): string {
  return catalogueTypeName.replace(/^io\.k8s\./, 'k8s.io.').replace(/-/g, '_');
}

function packageOf(name: string): string {
  return name.slice(0, name.lastIndexOf('.'));
}

interface Located {
  readonly message: ProtoMessage;
  readonly dir: string;
}

class Joiner {
  private readonly byName = new Map<string, Located>();
  private readonly goPackages = new Map<string, GoPackage>();
  readonly messages = new Map<string, ProtobufFieldEntry[]>();
  readonly lists = new Set<string>();
  readonly custom = new Set<string>();

  constructor(files: readonly ProtoFile[]) {
    for (const file of files) {
      for (const message of file.messages) {
        if (this.byName.has(message.fullName)) throw new ProtobufInputError(`message ${message.fullName} is declared twice`);
        this.byName.set(message.fullName, { message, dir: path.dirname(file.path) });
      }
    }
  }

  has(protoMessageName: string): boolean {
    return this.byName.has(protoMessageName);
  }

  /** Adds the message and every message its fields refer to. */
  add(root: string): void {
    const pending = [root];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      const key = catalogueName(name);
      if (this.messages.has(key)) continue;
      const fields = this.entries(name);
      this.messages.set(key, fields);
      for (const [, , type] of fields) if (!PROTO_SCALARS.has(type)) pending.push(protoName(this.qualified(type, key)));
    }
  }

  /** The full catalogue-style name of a field type written relative to the message `holder`. */
  qualified(type: string, holder: string): string {
    return type.includes('.') ? type : `${packageOf(holder)}.${type}`;
  }

  private goPackage(dir: string): GoPackage {
    let pkg = this.goPackages.get(dir);
    if (pkg === undefined) {
      pkg = readGoPackage(dir);
      this.goPackages.set(dir, pkg);
    }
    return pkg;
  }

  private entries(name: string): ProtobufFieldEntry[] {
    const located = this.byName.get(name);
    if (located === undefined) throw new ProtobufInputError(`no .proto file declares message ${name}`);
    const { message, dir } = located;
    const pkg = this.goPackage(dir);
    const goType = pkg.types.get(message.name);
    const key = catalogueName(name);
    if (pkg.customJSON.has(message.name) || goType?.kind === 'slice') {
      (goType?.kind === 'slice' ? this.lists : this.custom).add(key);
      return message.fields.map((f) => [f.number, f.name, this.typeRef(f.type, name), flagsOf(f, undefined)]);
    }
    if (goType?.kind !== 'struct') throw new ProtobufInputError(`message ${name} has no Go struct in ${dir}`);
    const entries: ProtobufFieldEntry[] = [];
    const seen = new Set<number>();
    for (const goField of goType.fields) {
      if (goField.protobufNumber === undefined) continue;
      const protoField = message.fields.find((f) => f.number === goField.protobufNumber);
      if (protoField === undefined) throw new ProtobufInputError(`${name}: Go field ${goField.name || goField.goType} has protobuf number ${goField.protobufNumber}, which the .proto lacks`);
      seen.add(protoField.number);
      if (goField.jsonSkipped) continue;
      entries.push([protoField.number, goField.jsonName, this.typeRef(protoField.type, name), flagsOf(protoField, goField)]);
    }
    const unmatched = message.fields.filter((f) => !seen.has(f.number));
    if (unmatched.length > 0) throw new ProtobufInputError(`${name}: no Go field for ${unmatched.map((f) => f.name).join(', ')}`);
    return entries;
  }

  /** A scalar as it is; a message by bare name within the holder's package, else by full catalogue-style name. */
  private typeRef(type: string, holder: string): string {
    if (PROTO_SCALARS.has(type)) return type;
    return packageOf(type) === packageOf(holder) ? type.slice(type.lastIndexOf('.') + 1) : catalogueName(type);
  }
}

function flagsOf(field: ProtoField, goField: GoField | undefined): string {
  let flags = '';
  if (field.repeated) flags += 'r';
  if (field.map) flags += 'm';
  if (goField?.goType.startsWith('*')) flags += 'p';
  if (goField?.omitempty) flags += 'o';
  if (goField?.omitzero) flags += 'z';
  return flags;
}

/** The JSON names a message's fields show, embedded structs' fields promoted. */
function jsonNames(joiner: Joiner, key: string): string[] {
  const names: string[] = [];
  for (const [, json, type] of joiner.messages.get(key) ?? []) {
    if (json === '') names.push(...jsonNames(joiner, joiner.qualified(type, key)));
    else names.push(json);
  }
  return names;
}

/**
 * Leaves out the fields the catalogue's schema of their message does not have (fields
 * newer than the served API, which a client of the served version never sets), and notes
 * the schema's properties no field carries.
 */
function matchCatalogue(joiner: Joiner, types: Readonly<Record<string, TypeSchema>>, report: JoinReport): void {
  for (const [key, entries] of joiner.messages) {
    const properties = types[key]?.properties;
    if (properties === undefined || joiner.custom.has(key) || joiner.lists.has(key)) continue;
    const kept = entries.filter(([, json]) => json === '' || json in properties);
    for (const [, json] of entries) if (json !== '' && !(json in properties)) report.dropped.push(`${key}.${json}`);
    joiner.messages.set(key, kept);
    const carried = new Set(jsonNames(joiner, key));
    for (const property of Object.keys(properties)) {
      if (!carried.has(property) && property !== 'apiVersion' && property !== 'kind') report.notCarried.push(`${key}.${property}`);
    }
  }
}

/** The table for every catalogue type that has a protobuf message, and what the join noticed. */
export function buildTables(files: readonly ProtoFile[], types: Readonly<Record<string, TypeSchema>>): { tags: GeneratedProtobufTags; report: JoinReport } {
  const joiner = new Joiner(files);
  const report: JoinReport = { withoutMessage: [], dropped: [], notCarried: [] };
  for (const typeName of Object.keys(types).sort()) {
    const name = protoName(typeName);
    if (joiner.has(name)) joiner.add(name);
    else report.withoutMessage.push(typeName);
  }
  matchCatalogue(joiner, types, report);
  const messages: Record<string, ProtobufFieldEntry[]> = {};
  for (const key of [...joiner.messages.keys()].sort()) messages[key] = joiner.messages.get(key)!;
  return { tags: { messages, lists: [...joiner.lists].sort(), custom: [...joiner.custom].sort() }, report };
}
