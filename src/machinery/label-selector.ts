// Label selectors (upstream's pkg/labels and metav1.LabelSelectorAsSelector): a conjunction
// of requirements on an object's labels. The string form (`app=web,tier in (a,b),!canary`)
// is parsed in label-selector-parser.ts; the object form ({matchLabels, matchExpressions})
// is converted here. Both give a LabelSelector with upstream's matching and canonical
// string, and fail with upstream's messages.

import {
  aggregateMessage, forbidden, invalid, notSupported, required, root, type FieldError, type FieldErrorList, type FieldPath,
} from './field-errors.js';
import { compareGoStrings } from './go-format.js';
import { isQualifiedName, isValidLabelValue } from './name-validation.js';
import { validateLabelName, validateLabels } from './object-meta-validation.js';

/** Upstream's selection.Operator values. `gt`/`lt` compare integers. */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** The binary operators in upstream's order, as its "expected:" messages list them. */
export const BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS: readonly LabelOperator[] = [...BINARY_OPERATORS, 'exists', '!'];

/** A set of labels, as in `metadata.labels`. */
export type Labels = Readonly<Record<string, string>>;

/** Thrown when a label selector (string or object) is invalid; the message is upstream's. */
export class LabelSelectorError extends Error {
  constructor(
    message: string,
    /** The field errors behind the message, when it came from a requirement's validation. */
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

/** `path.child(name)`, or a root `name` when there is no path (as a nil *field.Path does upstream). */
function below(path: FieldPath | undefined, name: string): FieldPath {
  return path === undefined ? root(name) : path.child(name);
}

/** Go's strconv.ParseInt(s, 10, 64); undefined when it would fail. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

function validateValues(op: string, values: readonly string[], valuePath: FieldPath, path: FieldPath | undefined): FieldErrorList {
  switch (op) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return values.length !== 1 ? [invalid(valuePath, values, 'exact-match compatibility requires one single value')] : [];
    case 'exists':
    case '!':
      return values.length !== 0 ? [invalid(valuePath, values, 'values set must be empty for exists and does not exist')] : [];
    case 'gt':
    case 'lt': {
      const errs: FieldErrorList = [];
      if (values.length !== 1) errs.push(invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      return errs;
    }
    default:
      return [notSupported(below(path, 'operator'), op, VALID_OPERATORS)];
  }
}

/** One condition on one label key. Build with `newRequirement`. */
export class Requirement {
  private constructor(
    readonly key: string,
    readonly operator: LabelOperator,
    readonly values: readonly string[],
  ) {}

  /**
   * A validated requirement, as upstream's NewRequirement: the key a qualified name,
   * values valid label values, their number right for the operator. Throws
   * LabelSelectorError; `path` prefixes the field paths in its message.
   */
  static create(key: string, operator: string, values: readonly string[], path?: FieldPath): Requirement {
    const errs: FieldErrorList = [];
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) errs.push(invalid(below(path, 'key'), key, keyErrors.join('; ')));
    const valuePath = below(path, 'values');
    errs.push(...validateValues(operator, values, valuePath, path));
    values.forEach((v, i) => {
      const valueErrors = isValidLabelValue(v);
      if (valueErrors.length > 0) errs.push(invalid(valuePath.index(i).key(key), v, valueErrors.join('; ')));
    });
    const message = aggregateMessage(errs);
    if (message !== undefined) throw new LabelSelectorError(message, errs);
    return new Requirement(key, operator as LabelOperator, [...values]);
  }

  /** `key=value` without validation, for labels that were validated when they were stored. */
  static equals(key: string, value: string): Requirement {
    return new Requirement(key, '=', [value]);
  }

  /** Whether `labels` satisfy this requirement. */
  matches(labels: Labels): boolean {
    const present = Object.hasOwn(labels, this.key);
    const value = labels[this.key];
    switch (this.operator) {
      case 'in':
      case '=':
      case '==':
        return present && this.values.includes(value!);
      case 'notin':
      case '!=':
        return !present || !this.values.includes(value!);
      case 'exists':
        return present;
      case '!':
        return !present;
      case 'gt':
      case 'lt':
        return present && this.compares(value!);
    }
  }

  private compares(labelValue: string): boolean {
    const actual = parseInt64(labelValue);
    const bound = this.values.length === 1 ? parseInt64(this.values[0]!) : undefined;
    if (actual === undefined || bound === undefined) return false;
    return this.operator === 'gt' ? actual > bound : actual < bound;
  }

  /** Upstream's string form: `x in (a,b)`, `!x`, `x!=a`, `x>1`. Values sorted. */
  toString(): string {
    const key = this.operator === '!' ? `!${this.key}` : this.key;
    if (this.operator === 'exists' || this.operator === '!') return key;
    const values = this.values.length === 1 ? this.values[0]! : [...this.values].sort(compareGoStrings).join(',');
    switch (this.operator) {
      case 'in':
      case 'notin':
        return `${key} ${this.operator} (${values})`;
      case 'gt':
        return `${key}>${values}`;
      case 'lt':
        return `${key}<${values}`;
      default:
        return `${key}${this.operator}${values}`;
    }
  }
}

/** Shorthand for Requirement.create. */
export function newRequirement(key: string, operator: string, values: readonly string[], path?: FieldPath): Requirement {
  return Requirement.create(key, operator, values, path);
}

/**
 * A conjunction of requirements, kept sorted by key (stably) as upstream keeps them.
 * The special "nothing" selector matches no object (a null selector object).
 */
export class LabelSelector {
  private static readonly NOTHING = new LabelSelector([], true);
  private static readonly EVERYTHING = new LabelSelector([], false);

  private constructor(
    readonly requirements: readonly Requirement[],
    private readonly nothing: boolean,
  ) {}

  /** Matches every object. */
  static everything(): LabelSelector {
    return LabelSelector.EVERYTHING;
  }

  /** Matches no object. */
  static nothing(): LabelSelector {
    return LabelSelector.NOTHING;
  }

  /** A selector of the given requirements (sorted by key). */
  static of(requirements: readonly Requirement[]): LabelSelector {
    return new LabelSelector(sortByKey(requirements), false);
  }

  /** This selector with more requirements. */
  add(...requirements: Requirement[]): LabelSelector {
    if (this.nothing) return this;
    return LabelSelector.of([...this.requirements, ...requirements]);
  }

  /** Whether an object with these labels (none: `{}`) is selected. */
  matches(labels: Labels | undefined): boolean {
    if (this.nothing) return false;
    const set = labels ?? {};
    return this.requirements.every((r) => r.matches(set));
  }

  /** True for a selector without requirements, which selects everything (upstream's Empty). */
  isEverything(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** True for the selector that matches nothing. */
  isNothing(): boolean {
    return this.nothing;
  }

  /**
   * The value `key` must have for a match, when the first requirement on `key` pins one
   * (`=`, `==`, or `in` with one value); lets callers use an index.
   */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((req) => req.key === key);
    if (r === undefined || r.values.length !== 1) return undefined;
    return r.operator === '=' || r.operator === '==' || r.operator === 'in' ? r.values[0] : undefined;
  }

  /** The canonical string form: requirements joined by ','; '' for everything and nothing. */
  toString(): string {
    return this.requirements.map((r) => r.toString()).join(',');
  }
}

function sortByKey(requirements: readonly Requirement[]): Requirement[] {
  // Array.prototype.sort is stable, so requirements on one key keep their order.
  return [...requirements].sort((a, b) => compareGoStrings(a.key, b.key));
}

/** A selector requiring each label of `set` to have its value (no validation, as upstream's SelectorFromSet). */
export function labelSelectorFromSet(set: Labels | undefined): LabelSelector {
  const reqs = Object.entries(set ?? {}).map(([k, v]) => Requirement.equals(k, v));
  return LabelSelector.of(reqs);
}

/** The object form of a selector, as in `spec.selector` of workloads. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementObject[];
}

export interface LabelSelectorRequirementObject {
  key: string;
  /** In, NotIn, Exists or DoesNotExist. */
  operator: string;
  values?: string[];
}

const OBJECT_OPERATORS: Readonly<Record<string, LabelOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * The selector of a selector object, as upstream's LabelSelectorAsSelector: null or
 * undefined selects nothing, an empty object everything. Throws LabelSelectorError.
 */
export function labelSelectorFromObject(ps: LabelSelectorObject | null | undefined): LabelSelector {
  if (ps === null || ps === undefined) return LabelSelector.nothing();
  const labels = Object.entries(ps.matchLabels ?? {});
  const expressions = ps.matchExpressions ?? [];
  if (labels.length + expressions.length === 0) return LabelSelector.everything();
  const reqs = labels.map(([k, v]) => Requirement.create(k, '=', [v]));
  for (const expr of expressions) {
    const op = OBJECT_OPERATORS[expr.operator];
    if (op === undefined) throw new LabelSelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(Requirement.create(expr.key, op, expr.values ?? []));
  }
  return LabelSelector.of(reqs);
}

/** Options of validateLabelSelector. */
export interface LabelSelectorValidationOptions {
  /** Accept invalid label values in expressions (kept for objects stored before the check). */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

/** Field errors of a selector object inside a resource (metav1 validation's ValidateLabelSelector). */
export function validateLabelSelector(
  ps: LabelSelectorObject | null | undefined,
  path: FieldPath,
  options: LabelSelectorValidationOptions = {},
): FieldErrorList {
  if (ps === null || ps === undefined) return [];
  const errs = validateLabels(ps.matchLabels, path.child('matchLabels'));
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateRequirementObject(expr, path.child('matchExpressions').index(i), options));
  });
  return errs;
}

function validateRequirementObject(
  expr: LabelSelectorRequirementObject,
  path: FieldPath,
  options: LabelSelectorValidationOptions,
): FieldErrorList {
  const errs: FieldErrorList = [];
  const values = expr.values ?? [];
  if (expr.operator === 'In' || expr.operator === 'NotIn') {
    if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') {
    if (values.length > 0) {
      errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  } else {
    errs.push(invalid(path.child('operator'), expr.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(expr.key, path.child('key')));
  if (!options.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => errs.push(...isValidLabelValue(v).map((msg) => invalid(path.child('values').index(i), v, msg))));
  }
  return errs;
}
