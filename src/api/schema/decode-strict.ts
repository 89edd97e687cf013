// A JSON parser for request bodies that notices what JSON.parse hides and what Go's
// decoding of the same body reports:
// - duplicate keys (JSON.parse silently keeps the last value), as the paths upstream's
//   strict decoder (sigs.k8s.io/json) names them: `spec.containers[0].name`, map entries
//   as `metadata.labels.app`;
// - the text of number literals whose value alone does not say how they were written
//   (`1.0`, `1e3`, integers past 2^53), because a Go integer field refuses `1.0`;
// - syntax errors worded as Go's encoding/json words them (`invalid character 'x' looking
//   for beginning of value`), since upstream puts that text in its 400 response.
// Values and key order are those JSON.parse gives (a duplicated key keeps the place of its
// first occurrence and the value of its last).

import { goQuote } from '../../machinery/go-format.js';

/** Text of number literals, by the object or array holding them and their key or index. */
export type NumberLiterals = WeakMap<object, Map<string, string>>;

/** What decodeJSONStrict returns. */
export interface StrictJSON {
  readonly value: unknown;
  /** Paths of keys that occur more than once in one object, each once, in document order. */
  readonly duplicates: string[];
  /** Literals of numbers whose JSON.parse value does not show how they were written. */
  readonly literals: NumberLiterals | undefined;
}

/** Thrown when the text is not JSON; the message is Go's encoding/json's. */
export class JSONSyntaxError extends Error {
  constructor(
    message: string,
    /** Characters of the text read before the error. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JSONSyntaxError';
  }
}

/** Go's json limits nesting to this depth. */
const MAX_DEPTH = 10000;

/** What `open` returns after it pushed a container whose members follow. */
const OPENED = Symbol('opened');

/** Parses JSON text; throws JSONSyntaxError when it is not exactly one JSON value. */
export function decodeJSONStrict(text: string): StrictJSON {
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.value();
  parser.skipSpace();
  if (parser.pos < text.length) throw parser.invalid('after top-level value');
  return { value, duplicates: parser.duplicates, literals: parser.literals };
}

/** An object or array being filled, with what the parser needs to finish its current member. */
interface Frame {
  readonly container: Record<string, unknown> | unknown[];
  /** The key of the member being read (objects). */
  key: string;
}

class Parser {
  pos = 0;
  readonly duplicates: string[] = [];
  literals: NumberLiterals | undefined;
  /** Keys and indices from the top to the value being parsed. */
  private readonly path: (string | number)[] = [];
  private seenDuplicates: Set<string> | undefined;
  /** Whether the last number's value shows how it was written (a short integer). */
  private plainNumber = true;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.pos = p;
  }

  /**
   * One JSON value. Iterative, with its own stack of open containers, so that nesting as
   * deep as Go allows cannot exhaust the call stack.
   */
  value(): unknown {
    const stack: Frame[] = [];
    for (;;) {
      const start = this.pos;
      let value = this.open(stack);
      if (value === OPENED) continue;
      // A complete value: store it in its container, closing every container it completes.
      for (;;) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) return value;
        this.store(frame, value, start);
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        const isArray = Array.isArray(frame.container);
        if (c === 0x2c) {
          this.pos++;
          this.skipSpace();
          if (isArray) this.path.push(frame.container.length);
          else this.member(frame);
          break;
        }
        if (c !== (isArray ? 0x5d : 0x7d)) throw this.invalid(isArray ? 'after array element' : 'after object key:value pair');
        this.pos++;
        stack.pop();
        value = frame.container;
      }
    }
  }

  /** A scalar, an empty container, or OPENED after pushing a non-empty container. */
  private open(stack: Frame[]): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c !== 0x7b && c !== 0x5b) return this.scalar(c);
    if (stack.length >= MAX_DEPTH) throw this.invalid('exceeded max depth');
    this.pos++;
    this.skipSpace();
    if (c === 0x5b) {
      const arr: unknown[] = [];
      if (this.text.charCodeAt(this.pos) === 0x5d) {
        this.pos++;
        return arr;
      }
      stack.push({ container: arr, key: '' });
      this.path.push(0);
      return OPENED;
    }
    const obj: Record<string, unknown> = {};
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return obj;
    }
    const frame: Frame = { container: obj, key: '' };
    stack.push(frame);
    this.member(frame);
    return OPENED;
  }

  /** Reads `"key":` of the next member of an object. */
  private member(frame: Frame): void {
    if (this.text.charCodeAt(this.pos) !== 0x22) throw this.invalid('looking for beginning of object key string');
    const key = this.string();
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x3a) throw this.invalid('after object key');
    this.pos++;
    this.skipSpace();
    frame.key = key;
    this.path.push(key);
    if (Object.hasOwn(frame.container, key)) this.duplicate();
  }

  private store(frame: Frame, value: unknown, start: number): void {
    this.path.pop();
    const container = frame.container;
    let key: string;
    if (Array.isArray(container)) {
      key = String(container.length);
      container.push(value);
    } else {
      key = frame.key;
      setOwn(container, key, value);
    }
    if (typeof value === 'number') this.noteLiteral(container, key, start);
    else this.literals?.get(container)?.delete(key);
  }

  private scalar(c: number): unknown {
    switch (c) {
      case 0x22: // "
        return this.string();
      case 0x74: // t
        return this.literal('true', true);
      case 0x66: // f
        return this.literal('false', false);
      case 0x6e: // n
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        throw this.invalid('looking for beginning of value');
    }
  }

  private duplicate(): void {
    const path = strictPath(this.path);
    this.seenDuplicates ??= new Set();
    if (this.seenDuplicates.has(path)) return;
    this.seenDuplicates.add(path);
    this.duplicates.push(path);
  }

  private string(): string {
    const t = this.text;
    let p = this.pos + 1;
    const start = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 0x5c) break;
      if (c < 0x20 || Number.isNaN(c)) {
        this.pos = p;
        throw Number.isNaN(c) ? this.endOfInput() : this.invalid('in string literal');
      }
      p++;
    }
    this.pos = p;
    return t.slice(start, p) + this.escapedRest();
  }

  /** The rest of a string that has escapes, from the first backslash to the closing quote. */
  private escapedRest(): string {
    const t = this.text;
    let out = '';
    let p = this.pos;
    let chunk = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) break;
      if (Number.isNaN(c)) {
        this.pos = p;
        throw this.endOfInput();
      }
      if (c < 0x20) {
        this.pos = p;
        throw this.invalid('in string literal');
      }
      if (c !== 0x5c) {
        p++;
        continue;
      }
      out += t.slice(chunk, p);
      this.pos = p + 1;
      out += this.escape();
      p = this.pos;
      chunk = p;
    }
    this.pos = p + 1;
    return out + t.slice(chunk, p);
  }

  /** One escape, `pos` just after its backslash. */
  private escape(): string {
    const c = this.text.charCodeAt(this.pos);
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.pos++;
      return simple;
    }
    if (Number.isNaN(c)) throw this.endOfInput();
    if (c !== 0x75) throw this.invalid('in string escape code');
    this.pos++;
    let code = 0;
    for (let i = 0; i < 4; i++) {
      const digit = hexValue(this.text.charCodeAt(this.pos));
      if (digit < 0) throw Number.isNaN(this.text.charCodeAt(this.pos)) ? this.endOfInput() : this.invalid('in \\u hexadecimal character escape');
      code = code * 16 + digit;
      this.pos++;
    }
    return String.fromCharCode(code);
  }

  private number(): number {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 0x2d) p++;
    let c = t.charCodeAt(p);
    if (c === 0x30) p++;
    else if (c >= 0x31 && c <= 0x39) p = skipDigits(t, p);
    else return this.badNumber(p);
    let plain = true;
    if (t.charCodeAt(p) === 0x2e) {
      plain = false;
      p++;
      c = t.charCodeAt(p);
      if (!(c >= 0x30 && c <= 0x39)) return this.badNumber(p);
      p = skipDigits(t, p);
    }
    c = t.charCodeAt(p);
    if (c === 0x65 || c === 0x45) {
      plain = false;
      p++;
      c = t.charCodeAt(p);
      if (c === 0x2b || c === 0x2d) p++;
      c = t.charCodeAt(p);
      if (!(c >= 0x30 && c <= 0x39)) return this.badNumber(p);
      p = skipDigits(t, p);
    }
    this.pos = p;
    // Integers of up to 15 characters print back as written, except `-0`.
    this.plainNumber = plain && p - start <= 15 && !(p - start === 2 && t.charCodeAt(start) === 0x2d && t.charCodeAt(start + 1) === 0x30);
    return Number(t.slice(start, p));
  }

  private noteLiteral(container: object, key: string, start: number): void {
    if (this.plainNumber) {
      // A later occurrence of a duplicated key replaces what an earlier one recorded.
      this.literals?.get(container)?.delete(key);
      return;
    }
    const literal = this.text.slice(start, this.pos);
    if (String(Number(literal)) === literal) return;
    this.literals ??= new WeakMap();
    let byKey = this.literals.get(container);
    if (byKey === undefined) this.literals.set(container, (byKey = new Map()));
    byKey.set(key, literal);
  }

  private badNumber(p: number): never {
    this.pos = p;
    throw Number.isNaN(this.text.charCodeAt(p)) ? this.endOfInput() : this.invalid('in numeric literal');
  }

  private literal<T>(word: string, value: T): T {
    for (let i = 1; i < word.length; i++) {
      const c = this.text.charCodeAt(this.pos + i);
      if (c !== word.charCodeAt(i)) {
        this.pos += i;
        if (Number.isNaN(c)) throw this.endOfInput();
        throw this.invalid(`in literal ${word} (expecting ${quoteByte(word.charCodeAt(i))})`);
      }
    }
    this.pos += word.length;
    return value;
  }

  /** Go's error for the character at `pos` (or for the end of the input). */
  invalid(where: string): JSONSyntaxError {
    const cp = this.text.codePointAt(this.pos);
    if (cp === undefined) return this.endOfInput();
    return new JSONSyntaxError(`invalid character ${quoteByte(firstUTF8Byte(cp))} ${where}`, this.pos);
  }

  private endOfInput(): JSONSyntaxError {
    return new JSONSyntaxError('unexpected end of JSON input', this.text.length);
  }
}

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function skipDigits(t: string, p: number): number {
  let c = t.charCodeAt(p);
  while (c >= 0x30 && c <= 0x39) c = t.charCodeAt(++p);
  return p;
}

/** Sets an own property, including `__proto__`, which JSON.parse also makes an own key. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** Go's scanner reads bytes: a multi-byte character is reported by its first byte. */
function firstUTF8Byte(cp: number): number {
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

/** Go's quoteChar: a byte as a rune in single quotes, escaped as strconv.Quote would. */
function quoteByte(b: number): string {
  if (b === 0x27) return `'\\''`;
  if (b === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(b)).slice(1, -1)}'`;
}

/**
 * A path as sigs.k8s.io/json prints it in strict errors: keys joined by dots (map keys
 * too), indices in brackets.
 */
export function strictPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += i === 0 ? segment : `.${segment}`;
  }
  return out;
}
