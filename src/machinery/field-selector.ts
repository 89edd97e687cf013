// Field selectors (upstream's pkg/fields): `metadata.name=x,status.phase!=Running`. Terms
// are `field=value`, `field==value` or `field!=value`, joined by ','; in values, '\', ','
// and '=' are escaped with '\'. Which fields a kind supports is the API server's business:
// `fields()` lists them and `transform()` renames or rejects them (with the messages below).

import { compareGoStrings } from './go-format.js';

/** `=` (also written `==`) or `!=`. */
export type FieldOperator = '=' | '!=';

/** One term of a field selector. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** Thrown when a field selector string is malformed; the message is upstream's. */
export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

/** `field label not supported: x`: what the API server answers for a field a kind does not index. */
export function fieldLabelNotSupportedMessage(field: string): string {
  return `field label not supported: ${field}`;
}

/**
 * What the API server answers for a field of a kind that only supports the metadata fields
 * (upstream's default conversion): `"x" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 */
export function onlyMetadataFieldsMessage(field: string): string {
  return `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/** Escapes a value for the string form: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Reverses escapeFieldValue; an unknown escape or an unescaped ',' or '=' is an error. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // Upstream prints the rune with %v, i.e. its code point number.
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Where a matcher reads field values: a map, or a function (absent fields read as ''). */
export type FieldSource = Readonly<Record<string, string>> | ((field: string) => string | undefined);

function read(source: FieldSource, field: string): string {
  if (typeof source === 'function') return source(field) ?? '';
  return Object.hasOwn(source, field) ? source[field]! : '';
}

/**
 * Renames or rejects a term: return the new field and value, `undefined` to drop the term,
 * or throw (e.g. a FieldSelectorError with fieldLabelNotSupportedMessage).
 */
export type FieldTransform = (field: string, value: string) => readonly [string, string] | undefined;

/** A conjunction of field terms, in the order of its string form. */
export class FieldSelector {
  private static readonly NOTHING = new FieldSelector([], true);

  private constructor(
    readonly requirements: readonly FieldRequirement[],
    private readonly nothing = false,
  ) {}

  /** Matches every object. */
  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  /** Matches no object. */
  static nothing(): FieldSelector {
    return FieldSelector.NOTHING;
  }

  /** A selector of the given terms, kept in the given order. */
  static of(requirements: readonly FieldRequirement[]): FieldSelector {
    return new FieldSelector([...requirements]);
  }

  /** `field=value` for each entry (upstream's SelectorFromSet). */
  static fromSet(set: Readonly<Record<string, string>>): FieldSelector {
    return FieldSelector.of(Object.entries(set).map(([field, value]) => ({ field, operator: '=', value })));
  }

  /** Whether an object whose fields read as `source` is selected. */
  matches(source: FieldSource): boolean {
    if (this.nothing) return false;
    return this.requirements.every((r) => (read(source, r.field) === r.value) === (r.operator === '='));
  }

  /** True when there are no terms: the selector selects everything (upstream's Empty). */
  isEverything(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** The distinct fields the terms use, in order: what the API server checks it supports. */
  fields(): string[] {
    return [...new Set(this.requirements.map((r) => r.field))];
  }

  /** The value a `=` term pins `field` to, if any (lets callers use an index or a direct get). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /** Each term through `fn`: renamed, kept, or dropped; whatever `fn` throws propagates. */
  transform(fn: FieldTransform): FieldSelector {
    if (this.nothing) return this;
    const next: FieldRequirement[] = [];
    for (const r of this.requirements) {
      const result = fn(r.field, r.value);
      if (result === undefined || (result[0] === '' && result[1] === '')) continue;
      next.push({ field: result[0], operator: r.operator, value: result[1] });
    }
    return new FieldSelector(next);
  }

  /** `a=b,c!=d` with values escaped. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }
}

/** Splits at commas that are not escaped. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator in the term, preferring `!=`, then `==`, then `=` at each position. */
function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op === '!=' ? '!=' : '=', term.slice(i + op.length)];
    }
  }
  return undefined;
}

/**
 * Parses a field selector string (the `fieldSelector` query parameter). Terms come out
 * sorted as upstream sorts them; empty terms are skipped; '' selects everything.
 * Throws FieldSelectorError with upstream's message.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort(compareGoStrings);
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (split === undefined) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, operator, rhs] = split;
    requirements.push({ field, operator, value: unescapeFieldValue(rhs) });
  }
  return FieldSelector.of(requirements);
}
