// The string form of label selectors, parsed as upstream's pkg/labels lexer and parser
// do, token for token, so that the same strings are accepted, the same requirements
// come out, and a bad string fails with the same message.

import { invalid, type FieldPath } from './field-errors.js';
import { compareGoStrings } from './go-format.js';
import { isQualifiedName } from './name-validation.js';
import { BINARY_OPERATORS, LabelSelector, LabelSelectorError, Requirement, type LabelOperator } from './label-selector.js';

type Token =
  | 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '(';

const KEYWORDS: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', ')'], [',', ','], ['!', '!'], ['==', '=='], ['=', '='], ['>', '>'], ['in', 'in'],
  ['<', '<'], ['!=', '!='], ['notin', 'notin'], ['(', '('],
]);

interface Item {
  readonly token: Token;
  readonly literal: string;
}

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c) && c !== '';

/** Upstream's lexer. A NUL character acts like the end of input, as Go's byte 0 does there. */
class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  private read(): string {
    if (this.pos >= this.s.length) return '\0';
    return this.s[this.pos++]!;
  }

  private unread(): void {
    this.pos--;
  }

  lex(): Item {
    let c = this.read();
    while (isWhitespace(c)) c = this.read();
    if (c === '\0') return { token: 'end', literal: '' };
    this.unread();
    return isSpecial(c) ? this.scanSpecial() : this.scanIdentifierOrKeyword();
  }

  private scanIdentifierOrKeyword(): Item {
    let buffer = '';
    for (;;) {
      const c = this.read();
      if (c === '\0') break;
      if (isSpecial(c) || isWhitespace(c)) {
        this.unread();
        break;
      }
      buffer += c;
    }
    return { token: KEYWORDS.get(buffer) ?? 'identifier', literal: buffer };
  }

  /** The longest operator made of special characters. */
  private scanSpecial(): Item {
    let buffer = '';
    let last: Item | undefined;
    for (;;) {
      const c = this.read();
      if (c === '\0') break;
      if (!isSpecial(c)) {
        this.unread();
        break;
      }
      buffer += c;
      const token = KEYWORDS.get(buffer);
      if (token !== undefined) last = { token, literal: buffer };
      else if (last !== undefined) {
        this.unread();
        break;
      }
    }
    return last ?? { token: 'error', literal: `error expected: keyword found '${buffer}'` };
  }
}

type Context = 'keyAndOperator' | 'values';

/** Upstream's recursive-descent parser over the scanned tokens. */
class Parser {
  private readonly items: Item[] = [];
  private position = 0;

  constructor(input: string, private readonly path: FieldPath | undefined) {
    const lexer = new Lexer(input);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.token === 'end') break;
    }
  }

  /** In a list of values the keywords `in` and `notin` are plain identifiers. */
  private view(item: Item, context: Context): Item {
    if (context === 'values' && (item.token === 'in' || item.token === 'notin')) return { token: 'identifier', literal: item.literal };
    return item;
  }

  private lookahead(context: Context): Item {
    return this.view(this.items[this.position]!, context);
  }

  private consume(context: Context): Item {
    return this.view(this.items[this.position++]!, context);
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('values');
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== '!') fail(`found '${literal}', expected: !, identifier, or 'end of string'`);
      requirements.push(this.parseRequirementWrapped());
      const next = this.consume('values');
      if (next.token === 'end') return requirements;
      if (next.token !== ',') fail(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead('values');
      if (after.token !== 'identifier' && after.token !== '!') fail(`found '${after.literal}', expected: identifier after ','`);
    }
  }

  private parseRequirementWrapped(): Requirement {
    try {
      return this.parseRequirement();
    } catch (e) {
      if (e instanceof LabelSelectorError) throw new LabelSelectorError(`unable to parse requirement: ${e.message}`, e.fieldErrors);
      throw e;
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred !== undefined) return Requirement.create(key, inferred, [], this.path);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return Requirement.create(key, operator, [...values].sort(compareGoStrings), this.path);
  }

  /** The key, and `exists`/`!` when no operator follows. */
  private parseKeyAndInferOperator(): [string, LabelOperator | undefined] {
    let operator: LabelOperator | undefined;
    let item = this.consume('values');
    if (item.token === '!') {
      operator = '!';
      item = this.consume('values');
    }
    if (item.token !== 'identifier') fail(`found '${item.literal}', expected: identifier`);
    const keyErrors = isQualifiedName(item.literal);
    if (keyErrors.length > 0) {
      // Upstream reports the key at the parser's path itself, usually unset: "<nil>: Invalid value: …".
      const error = invalid(this.path, item.literal, keyErrors.join('; '));
      throw new LabelSelectorError(error.message, [error]);
    }
    const next = this.lookahead('values').token;
    if ((next === 'end' || next === ',') && operator === undefined) operator = 'exists';
    return [item.literal, operator];
  }

  private parseOperator(): LabelOperator {
    const { token, literal } = this.consume('keyAndOperator');
    const operators: Partial<Record<Token, LabelOperator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    const op = operators[token];
    if (op === undefined) fail(`found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    return op;
  }

  private parseValues(): Set<string> {
    const open = this.consume('values');
    if (open.token !== '(') fail(`found '${open.literal}' expected: '('`);
    const first = this.lookahead('values');
    if (first.token === ')') {
      this.consume('values');
      return new Set(['']);
    }
    if (first.token !== 'identifier' && first.token !== ',') fail(`found '${first.literal}', expected: ',', ')' or identifier`);
    const values = this.parseIdentifiersList();
    // Upstream names the first value here, not the token it found.
    if (this.consume('values').token !== ')') fail(`found '${first.literal}', expected: ')'`);
    return values;
  }

  /** Values up to (not including) ')'; empty entries (`(a,,)`) add the empty value. */
  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const item = this.consume('values');
      if (item.token === 'identifier') {
        values.add(item.literal);
        const next = this.lookahead('values');
        if (next.token === ')') return values;
        if (next.token !== ',') fail(`found '${next.literal}', expected: ',' or ')'`);
      } else if (item.token === ',') {
        if (values.size === 0) values.add('');
        const next = this.lookahead('values').token;
        if (next === ')') {
          values.add('');
          return values;
        }
        if (next === ',') values.add('');
      } else {
        fail(`found '${item.literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead('values').token;
    if (next === 'end' || next === ',') return new Set(['']);
    const item = this.consume('values');
    if (item.token !== 'identifier') fail(`found '${item.literal}', expected: identifier`);
    return new Set([item.literal]);
  }
}

function fail(message: string): never {
  throw new LabelSelectorError(message);
}

/**
 * Parses a label selector string (the `labelSelector` query parameter, `kubectl -l`).
 * '' selects everything. Throws LabelSelectorError with upstream's message.
 */
export function parseLabelSelector(selector: string, path?: FieldPath): LabelSelector {
  return LabelSelector.of(new Parser(selector, path).parse());
}
