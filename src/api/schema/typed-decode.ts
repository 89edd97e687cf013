// What Go's typed decoding of a request body does to values, replayed on a parsed object:
// kube-apiserver decodes a body into the Go struct of its kind, so a value of the wrong JSON
// type fails the request with encoding/json's error, and what survives is re-encoded the
// way the Go types print themselves. decodeTyped reports the error upstream would report
// (the same one, when there are several) and, in place:
// - drops fields set to null (Go leaves them at their zero value, which it omits) and turns
//   null list items and map values into their type's zero value;
// - rewrites quantities (`1000m` → `1`), timestamps (UTC, whole seconds or six decimals) and
//   base64 (`[]byte` fields) the way upstream stores them.
//
// Go records the first plain type mismatch and carries on, but returns at once the error
// of a type that decodes itself (Quantity, IntOrString, Time); that error wins.

import { formatMicroTime, formatTime } from '../../machinery/time.js';
import { Quantity, QuantityParseError } from '../../machinery/quantity.js';
import type { NumberLiterals } from './decode-strict.js';
import { canonicalBase64, goBase64Error } from './go-base64.js';
import { GoTimeParseError, isStoredForm, parseGoTime, RFC3339, RFC3339_MICRO } from './go-time.js';
import type { ListNode, MapNode, ScalarNode, SchemaNode, StructNode } from './schema-node.js';

/** Thrown inside the walk when a self-decoding type fails: Go returns that error at once. */
class Abort {
  constructor(readonly message: string) {}
}

const INT_RANGES = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n],
} as const;

type IntType = keyof typeof INT_RANGES;

/**
 * Stored forms of quantity strings seen lately: the same few (`100m`, `128Mi`) come in
 * again and again, and parsing one costs about a microsecond.
 */
const storedQuantities = new Map<string, string>();
const MAX_REMEMBERED_QUANTITIES = 4096;

function rememberQuantity(input: string, stored: string): void {
  if (storedQuantities.size >= MAX_REMEMBERED_QUANTITIES) storedQuantities.clear();
  storedQuantities.set(input, stored);
}

/**
 * Applies Go's decoding of `node` to `obj` (a JSON object) in place; returns the text of
 * the error it fails with (`json: cannot unmarshal string into Go struct field
 * PodSpec.spec.containers of type []v1.Container`), or undefined. `literals` (from
 * decodeJSONStrict) tell how numbers were written; without them, as JSON.parse gives them.
 */
export function decodeTyped(obj: Record<string, unknown>, node: SchemaNode, literals?: NumberLiterals): string | undefined {
  const decoder = new TypedDecoder(literals);
  try {
    decoder.value(obj, node, '', undefined, '');
  } catch (e) {
    if (e instanceof Abort) return e.message;
    throw e;
  }
  return decoder.saved;
}

function jsonKind(v: unknown): 'string' | 'number' | 'bool' | 'array' | 'object' {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a null list item or map value becomes: the Go zero value, as Go prints it. */
function zeroValue(node: SchemaNode): unknown {
  switch (node.kind) {
    case 'string':
      return '';
    case 'int32':
    case 'int64':
    case 'float':
    case 'intOrString':
      return 0;
    case 'bool':
      return false;
    case 'quantity':
      return '0';
    case 'struct':
      return {};
    default:
      return null;
  }
}

class TypedDecoder {
  /** The first plain type mismatch (Go's saveError). */
  saved: string | undefined;
  /** JSON names of the struct fields from the top to the value (Go's error context). */
  private readonly fields: string[] = [];

  constructor(private readonly literals: NumberLiterals | undefined) {}

  /**
   * Decodes `v` (not null) as `node`; returns the value to keep. `struct` is the Go struct
   * whose field holds it ('' at the top); `container` and `key` locate its number literal.
   */
  value(v: unknown, node: SchemaNode, struct: string, container: object | undefined, key: string): unknown {
    switch (node.kind) {
      case 'struct':
        if (isObject(v)) this.struct(v, node);
        else this.mismatch(jsonKind(v), node.goType, struct);
        return v;
      case 'map':
        if (isObject(v)) this.map(v, node, struct);
        else this.mismatch(jsonKind(v), node.goType, struct);
        return v;
      case 'list':
        if (Array.isArray(v)) this.list(v, node, struct);
        else this.mismatch(jsonKind(v), node.goType, struct);
        return v;
      case 'opaque':
        return v;
      default:
        return this.scalar(v, node, struct, container, key);
    }
  }

  private struct(obj: Record<string, unknown>, node: StructNode): void {
    for (const key in obj) {
      const field = node.fields.get(key);
      if (field === undefined) continue;
      const v = obj[key];
      if (v === null) {
        delete obj[key];
        continue;
      }
      this.fields.push(key);
      const decoded = this.value(v, field, node.structName, obj, key);
      this.fields.pop();
      if (decoded !== v) obj[key] = decoded;
    }
  }

  private map(obj: Record<string, unknown>, node: MapNode, struct: string): void {
    const values = node.values;
    if (values.kind === 'opaque') return;
    for (const key in obj) {
      const v = obj[key];
      const decoded = v === null ? zeroValue(values) : this.value(v, values, struct, obj, key);
      if (decoded !== v) obj[key] = decoded;
    }
  }

  private list(arr: unknown[], node: ListNode, struct: string): void {
    const items = node.items;
    if (items.kind === 'opaque') return;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      const decoded = v === null ? zeroValue(items) : this.value(v, items, struct, arr, String(i));
      if (decoded !== v) arr[i] = decoded;
    }
  }

  private scalar(v: unknown, node: ScalarNode, struct: string, container: object | undefined, key: string): unknown {
    switch (node.kind) {
      case 'string':
        if (typeof v !== 'string') this.mismatch(jsonKind(v), node.goType, struct);
        return v;
      case 'bool':
        if (typeof v !== 'boolean') this.mismatch(jsonKind(v), node.goType, struct);
        return v;
      case 'int32':
      case 'int64':
        if (typeof v !== 'number') this.mismatch(jsonKind(v), node.goType, struct);
        else this.integer(v, node.kind, struct, container, key, false);
        return v;
      case 'float':
        if (typeof v !== 'number') this.mismatch(jsonKind(v), node.goType, struct);
        else if (!Number.isFinite(v)) this.mismatch(`number ${this.literalOf(container, key) ?? String(v)}`, node.goType, struct);
        return v;
      case 'bytes':
        return this.bytes(v, node, struct);
      case 'intOrString':
        if (typeof v === 'string') return v;
        if (typeof v !== 'number') throw new Abort(this.mismatchText(jsonKind(v), 'int32', struct));
        this.integer(v, 'int32', struct, container, key, true);
        return v;
      case 'quantity':
        return this.quantity(v, container, key);
      case 'time':
      case 'microTime':
        return this.time(v, node.kind, struct);
    }
  }

  /** Go's ParseInt check of an integer field; `abort` for IntOrString's own decoding. */
  private integer(v: number, type: IntType, struct: string, container: object | undefined, key: string, abort: boolean): void {
    const literal = this.literalOf(container, key);
    if (literal === undefined ? fitsNumber(v, type) : fitsLiteral(literal, type)) return;
    const text = this.mismatchText(`number ${literal ?? String(v)}`, type, struct);
    if (abort) throw new Abort(text);
    this.save(text);
  }

  private bytes(v: unknown, node: ScalarNode, struct: string): unknown {
    if (typeof v === 'string') {
      const error = goBase64Error(v);
      if (error === undefined) return canonicalBase64(v);
      this.save(error);
      return v;
    }
    if (!Array.isArray(v)) {
      this.mismatch(jsonKind(v), node.goType, struct);
      return v;
    }
    // Go also fills a []byte from a JSON array of numbers; it stores base64 all the same.
    const bytes: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === null) bytes.push(0);
      else if (typeof item !== 'number') this.mismatch(jsonKind(item), 'uint8', struct);
      else if (this.byteFits(item, struct, v, String(i))) bytes.push(item);
    }
    return Buffer.from(bytes).toString('base64');
  }

  private byteFits(item: number, struct: string, container: object, key: string): boolean {
    const literal = this.literalOf(container, key);
    if (literal === undefined ? fitsNumber(item, 'uint8') : fitsLiteral(literal, 'uint8')) return true;
    this.mismatch(`number ${literal ?? String(item)}`, 'uint8', struct);
    return false;
  }

  /** Quantity decodes itself from the raw JSON text, quoted or not. */
  private quantity(v: unknown, container: object | undefined, key: string): unknown {
    if (typeof v === 'string') {
      const known = storedQuantities.get(v);
      if (known !== undefined) return known;
    }
    let text: string;
    if (typeof v === 'string') text = v.trim();
    else if (typeof v === 'number') text = this.literalOf(container, key) ?? String(v);
    else if (typeof v === 'boolean') text = String(v);
    else text = Array.isArray(v) ? '[' : '{';
    try {
      const stored = Quantity.parse(text).toString();
      if (typeof v === 'string') rememberQuantity(v, stored);
      return stored;
    } catch (e) {
      if (e instanceof QuantityParseError) throw new Abort(e.message);
      throw e;
    }
  }

  /** Time and MicroTime decode a JSON string through time.Parse. */
  private time(v: unknown, kind: 'time' | 'microTime', struct: string): unknown {
    if (typeof v !== 'string') throw new Abort(this.mismatchText(jsonKind(v), 'string', struct));
    const layout = kind === 'time' ? RFC3339 : RFC3339_MICRO;
    if (isStoredForm(layout, v)) return v;
    try {
      const t = parseGoTime(layout, v);
      return kind === 'time' ? formatTime(t.seconds * 1000) : formatMicroTime(t.seconds * 1_000_000 + Math.floor(t.nanos / 1000));
    } catch (e) {
      if (e instanceof GoTimeParseError) throw new Abort(e.message);
      throw e;
    }
  }

  /** How the number was written, when the parser kept its literal (else JavaScript prints it as written). */
  private literalOf(container: object | undefined, key: string): string | undefined {
    if (this.literals === undefined || container === undefined) return undefined;
    return this.literals.get(container)?.get(key);
  }

  private mismatch(what: string, goType: string, struct: string): void {
    this.save(this.mismatchText(what, goType, struct));
  }

  /** encoding/json's UnmarshalTypeError text, with the field context Go adds. */
  private mismatchText(what: string, goType: string, struct: string): string {
    if (struct === '' && this.fields.length === 0) return `json: cannot unmarshal ${what} into Go value of type ${goType}`;
    return `json: cannot unmarshal ${what} into Go struct field ${struct}.${this.fields.join('.')} of type ${goType}`;
  }

  private save(message: string): void {
    this.saved ??= message;
  }
}

/** Whether a number written as JavaScript prints it is an integer Go accepts for the type. */
function fitsNumber(v: number, type: IntType): boolean {
  switch (type) {
    case 'int32':
      return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    case 'int64':
      // As doubles, 2^63 - 1 rounds up to 2^63, which Go refuses.
      return Number.isInteger(v) && v >= -9223372036854775808 && v < 9223372036854775808;
    case 'uint8':
      return Number.isInteger(v) && v >= 0 && v <= 255;
  }
}

/** Whether Go's strconv.ParseInt accepts the literal and its value fits the type. */
function fitsLiteral(literal: string, type: IntType): boolean {
  if (!/^-?[0-9]+$/.test(literal)) return false;
  const [min, max] = INT_RANGES[type];
  const n = BigInt(literal);
  return n >= min && n <= max;
}
