// Field-level validation errors, as upstream's k8s.io/apimachinery/pkg/util/validation/field
// defines them. Validation returns a list of these (never throws the first one); the API
// server turns a non-empty list into a 422 Status (errors.ts `invalid`), whose message and
// causes are built from `message` and `body` below, character for character as upstream's.

import { goFormatValue, goQuote } from './go-format.js';

/**
 * A path to a field inside an object: `spec.containers[0].name`, `metadata.labels[app]`.
 * Immutable: every step returns a new path.
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    /** The field name, or undefined when this step is a subscript. */
    private readonly name: string | undefined,
    /** The list index or map key, when this step is a subscript. */
    private readonly subscript: string | undefined,
  ) {}

  /** A path that starts at the named field (more names descend further). */
  static root(name: string, ...moreNames: string[]): FieldPath {
    return new FieldPath(undefined, name, undefined).descend(moreNames);
  }

  /** The named field below this one (more names descend further). */
  child(name: string, ...moreNames: string[]): FieldPath {
    return new FieldPath(this, name, undefined).descend(moreNames);
  }

  private descend(names: readonly string[]): FieldPath {
    return names.reduce<FieldPath>((path, name) => new FieldPath(path, name, undefined), this);
  }

  /** The element of a list at `i`: `[i]`. */
  index(i: number): FieldPath {
    return new FieldPath(this, undefined, String(i));
  }

  /** The entry of a map under `key`: `[key]`, unquoted as upstream prints it. */
  key(key: string): FieldPath {
    return new FieldPath(this, undefined, key);
  }

  toString(): string {
    const step = this.name !== undefined && this.name !== '' ? this.name : `[${this.subscript ?? ''}]`;
    if (this.parent === undefined) return step;
    const separator = this.name !== undefined && this.name !== '' ? '.' : '';
    return `${this.parent.toString()}${separator}${step}`;
  }
}

/** Shorthand for FieldPath.root. */
export function root(name: string, ...moreNames: string[]): FieldPath {
  return FieldPath.root(name, ...moreNames);
}

/**
 * How upstream prints a path that was never set (a nil *field.Path): some upstream
 * messages carry it, e.g. label selector parse errors.
 */
export function pathString(path: FieldPath | undefined): string {
  return path === undefined ? '<nil>' : path.toString();
}

/** The reason of a field error; also the `reason` of its Status cause. */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Readonly<Record<FieldErrorType, string>> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Types whose message never shows the value. */
const VALUELESS: ReadonlySet<FieldErrorType> = new Set<FieldErrorType>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
  'InternalError',
]);

/** One validation failure of one field. A value, not an exception. */
export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    /** The path, as a string (`spec.replicas`). */
    readonly field: string,
    /** The offending value; not shown for Required, Forbidden, TooLong and InternalError. */
    readonly badValue: unknown,
    /** What is wrong, for a person; may be empty. */
    readonly detail: string,
    /** True when the value must not be printed even for a type that usually shows it. */
    readonly omitValue = false,
  ) {}

  /** The Status cause reason: same as `type`. */
  get reason(): FieldErrorType {
    return this.type;
  }

  /** The message without the field path (upstream's ErrorBody): `Invalid value: -1: must be …`. */
  get body(): string {
    let s = TYPE_TEXT[this.type];
    if (!VALUELESS.has(this.type) && !this.omitValue) s += `: ${goFormatValue(this.badValue)}`;
    if (this.detail !== '') s += `: ${this.detail}`;
    return s;
  }

  /** The full message (upstream's Error()): `spec.replicas: Invalid value: -1: must be …`. */
  get message(): string {
    return `${this.field}: ${this.body}`;
  }

  toString(): string {
    return this.message;
  }
}

/** A list of field errors; empty means valid. */
export type FieldErrorList = FieldError[];

/** A required value is missing (empty string, null, empty list). */
export function required(path: FieldPath | undefined, detail = ''): FieldError {
  return new FieldError('FieldValueRequired', pathString(path), '', detail);
}

/** A malformed value: failed a format, out of range, … */
export function invalid(path: FieldPath | undefined, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueInvalid', pathString(path), value, detail);
}

/** A value outside an enumeration; lists the supported values as upstream does. */
export function notSupported(path: FieldPath | undefined, value: unknown, validValues: readonly unknown[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map((v) => goQuote(String(v))).join(', ')}` : '';
  return new FieldError('FieldValueNotSupported', pathString(path), value, detail);
}

/** A value that must be unique appears twice. */
export function duplicate(path: FieldPath | undefined, value: unknown): FieldError {
  return new FieldError('FieldValueDuplicate', pathString(path), value, '');
}

/** A well-formed value that is not allowed here (policy, immutability of a kind, …). */
export function forbidden(path: FieldPath | undefined, detail: string): FieldError {
  return new FieldError('FieldValueForbidden', pathString(path), '', detail);
}

/** A value longer than `maxLength` bytes; the value itself is not shown. Negative: no limit named. */
export function tooLong(path: FieldPath | undefined, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return new FieldError('FieldValueTooLong', pathString(path), '<value omitted>', detail);
}

/** A list with more than `maxQuantity` items. A negative `actual` is left out of the message. */
export function tooMany(path: FieldPath | undefined, actual: number, maxQuantity: number): FieldError {
  const detail =
    maxQuantity >= 0 ? `must have at most ${maxQuantity} ${maxQuantity === 1 ? 'item' : 'items'}` : 'has too many items';
  return new FieldError('FieldValueTooMany', pathString(path), actual, detail, actual < 0);
}

/** A value that refers to something that does not exist. */
export function notFound(path: FieldPath | undefined, value: unknown): FieldError {
  return new FieldError('FieldValueNotFound', pathString(path), value, '');
}

/** A value of the wrong JSON type for its schema. */
export function typeInvalid(path: FieldPath | undefined, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueTypeInvalid', pathString(path), value, detail);
}

/** A failure not caused by the input (a bug or an unavailable dependency). */
export function internalError(path: FieldPath | undefined, err: Error | string): FieldError {
  const detail = typeof err === 'string' ? err : err.message;
  return new FieldError('InternalError', pathString(path), err, detail);
}

/**
 * The list as one message, as upstream's ErrorList.ToAggregate().Error() renders it:
 * duplicates (same message) dropped, a single message bare, several as `[a, b]`.
 * Undefined for an empty list.
 */
export function aggregateMessage(errors: readonly FieldError[]): string | undefined {
  const messages = [...new Set(errors.map((e) => e.message))];
  if (messages.length === 0) return undefined;
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}
