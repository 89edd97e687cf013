// The generated protobuf table (src/api/generated/protobuf-tags.ts), read once per
// message into a form the decoder and the encoder walk: full type names and flags as
// booleans.

import { protobufTags } from '../generated/protobuf-tags.js';
import { PROTOBUF_SCALARS, type ProtobufScalar } from './tags.js';

/** One field of a message. */
export interface MessageField {
  readonly number: number;
  /** '' for an embedded Go struct whose fields JSON shows in the parent's place. */
  readonly jsonName: string;
  /** A scalar, or a message's full name. */
  readonly type: ProtobufScalar | string;
  readonly scalar: boolean;
  readonly repeated: boolean;
  /** A map from string to `type`. */
  readonly map: boolean;
  /** A Go pointer: present (JSON shows it) even when zero. */
  readonly pointer: boolean;
  readonly omitempty: boolean;
  readonly omitzero: boolean;
}

/** What kind of Go type a message stands for. */
export type MessageKind = 'struct' | 'list' | 'custom';

export interface MessageInfo {
  readonly name: string;
  readonly kind: MessageKind;
  /** In Go declaration order (the order of JSON's keys). */
  readonly fields: readonly MessageField[];
  /** The same fields by protobuf number. */
  readonly byNumber: ReadonlyMap<number, MessageField>;
  /** The same fields in ascending protobuf number (the order gogo-protobuf writes them in). */
  readonly wireOrder: readonly MessageField[];
}

/** Thrown when a type has no protobuf message in the table. */
export class UnknownMessageError extends Error {
  constructor(readonly typeName: string) {
    super(`no protobuf message is known for ${typeName}`);
    this.name = 'UnknownMessageError';
  }
}

const lists = new Set(protobufTags.lists);
const custom = new Set(protobufTags.custom);
const cache = new Map<string, MessageInfo>();

function packageOf(name: string): string {
  return name.slice(0, name.lastIndexOf('.'));
}

/** Whether the table has a message for this type (`io.k8s.api.core.v1.Pod`). */
export function hasMessage(typeName: string): boolean {
  return Object.hasOwn(protobufTags.messages, typeName);
}

/** The message of a type; throws UnknownMessageError when the table has none. */
export function messageInfo(typeName: string): MessageInfo {
  const cached = cache.get(typeName);
  if (cached !== undefined) return cached;
  if (!hasMessage(typeName)) throw new UnknownMessageError(typeName);
  const fields = protobufTags.messages[typeName]!.map(([number, jsonName, type, flags]): MessageField => {
    const scalar = PROTOBUF_SCALARS.has(type);
    return {
      number,
      jsonName,
      type: scalar || type.includes('.') ? type : `${packageOf(typeName)}.${type}`,
      scalar,
      repeated: flags.includes('r'),
      map: flags.includes('m'),
      pointer: flags.includes('p'),
      omitempty: flags.includes('o'),
      omitzero: flags.includes('z'),
    };
  });
  const info: MessageInfo = {
    name: typeName,
    kind: lists.has(typeName) ? 'list' : custom.has(typeName) ? 'custom' : 'struct',
    fields,
    byNumber: new Map(fields.map((f) => [f.number, f])),
    wireOrder: [...fields].sort((a, b) => a.number - b.number),
  };
  cache.set(typeName, info);
  return info;
}

/** The messages that write their own JSON, as the table lists them. */
export function customMessages(): readonly string[] {
  return protobufTags.custom;
}
