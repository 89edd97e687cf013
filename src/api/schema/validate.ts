// Structural checks of an object against its type's schema, in the two forms upstream
// gives them:
// - decode errors (400): a value Go's typed decoding refuses — the wrong JSON type, an
//   integer out of its range or written as `1.0`, a quantity, timestamp or base64 string
//   that does not parse. For built-in kinds upstream has no other type check, so every
//   type mismatch is a 400, never a 422.
// - field errors (422): what the schema itself requires — `required` members (`Required
//   value`) and `enum`s (`Unsupported value`). Upstream's own validation of built-in kinds
//   checks these field by field; the generic check stands in for it.

import { FieldPath, notSupported, required, type FieldError } from '../../machinery/field-errors.js';
import type { APIError } from '../../machinery/errors.js';
import type { NumberLiterals } from './decode-strict.js';
import { cannotBeHandled } from './decode-errors.js';
import { nodeOf, type SchemaNode, type SchemaRef, type StructNode } from './schema-node.js';
import { decodeTyped } from './typed-decode.js';

/**
 * Applies Go's typed decoding to `obj` in place (null fields dropped, quantities,
 * timestamps and base64 in upstream's stored form) and throws upstream's 400 when it fails:
 * `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal …`.
 */
export function checkDecodable(obj: Record<string, unknown>, typeName: string, literals?: NumberLiterals): void {
  const error = decodeError(obj, typeName, literals);
  if (error !== undefined) throw error;
}

/** checkDecodable's error, returned instead of thrown. */
export function decodeError(obj: Record<string, unknown>, typeName: string, literals?: NumberLiterals): APIError | undefined {
  const cause = decodeTyped(obj, nodeOf(typeName), literals);
  return cause === undefined ? undefined : cannotBeHandled(obj, typeName, cause);
}

/**
 * The schema's own requirements of a decoded object: a `Required value` error for each
 * required member that is absent, an `Unsupported value` error for each value outside an
 * enum. The object's status is not checked for required members: status is written by
 * controllers and upstream accepts it partial (a typed decode fills in zero values).
 */
export function validateStructure(obj: Record<string, unknown>, type: SchemaRef): FieldError[] {
  const node = nodeOf(type);
  const validator = new StructureValidator(checkedNodes(node), hasEnums(node));
  if (node.kind === 'struct') validator.struct(obj, node, true);
  return validator.errors;
}

/** Path steps: a field name, a list index, or a map key (kept apart: they print differently). */
type Step = string | number | { readonly key: string };

class StructureValidator {
  readonly errors: FieldError[] = [];
  private readonly steps: Step[] = [];

  /**
   * `checked`: the nodes under which some requirement applies; others are skipped. Without
   * `enums`, a subtree where required members are not checked is skipped too.
   */
  constructor(
    private readonly checked: ReadonlySet<SchemaNode>,
    private readonly enums: boolean,
  ) {}

  struct(obj: Record<string, unknown>, node: StructNode, requiredChecked: boolean): void {
    if (requiredChecked) {
      for (const name of node.required) if (!Object.hasOwn(obj, name)) this.errors.push(required(this.path(name)));
    }
    const top = this.steps.length === 0;
    for (const key in obj) {
      const field = node.fields.get(key);
      if (field === undefined || !this.checked.has(field)) continue;
      const checkRequired = requiredChecked && !(top && key === 'status');
      if (!checkRequired && !this.enums) continue;
      this.steps.push(key);
      this.value(obj[key], field, checkRequired);
      this.steps.pop();
    }
  }

  private value(value: unknown, node: SchemaNode, requiredChecked: boolean): void {
    if (value === null || value === undefined) return;
    switch (node.kind) {
      case 'struct':
        if (isObject(value)) this.struct(value, node, requiredChecked);
        return;
      case 'map':
        if (isObject(value)) for (const key in value) this.member({ key }, value[key], node.values, requiredChecked);
        return;
      case 'list':
        if (Array.isArray(value)) for (let i = 0; i < value.length; i++) this.member(i, value[i], node.items, requiredChecked);
        return;
      case 'opaque':
        return;
      default:
        if (node.enum !== undefined && !node.enum.includes(value)) this.errors.push(notSupported(this.path(), value, node.enum));
    }
  }

  private member(step: Step, value: unknown, node: SchemaNode, requiredChecked: boolean): void {
    this.steps.push(step);
    this.value(value, node, requiredChecked);
    this.steps.pop();
  }

  /** The current path (and a child field), built only when an error needs it. */
  private path(child?: string): FieldPath {
    const steps = child === undefined ? this.steps : [...this.steps, child];
    let path = FieldPath.root(steps[0] as string);
    for (const step of steps.slice(1)) {
      if (typeof step === 'string') path = path.child(step);
      else if (typeof step === 'number') path = path.index(step);
      else path = path.key(step.key);
    }
    return path;
  }
}

const checkedByRoot = new WeakMap<SchemaNode, ReadonlySet<SchemaNode>>();

/**
 * The nodes reachable from `root` under which a required member or an enum lies, found
 * once per root type. Types are recursive (JSONSchemaProps), so the answer is a fixpoint.
 */
function checkedNodes(root: SchemaNode): ReadonlySet<SchemaNode> {
  const known = checkedByRoot.get(root);
  if (known !== undefined) return known;
  const reachable: SchemaNode[] = [];
  const seen = new Set<SchemaNode>();
  const pending = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    reachable.push(node);
    pending.push(...children(node));
  }
  const checked = new Set<SchemaNode>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of reachable) {
      if (checked.has(node) || !(ownChecks(node) || children(node).some((c) => checked.has(c)))) continue;
      checked.add(node);
      changed = true;
    }
  }
  checkedByRoot.set(root, checked);
  return checked;
}

const enumsByRoot = new WeakMap<SchemaNode, boolean>();

/** Whether any enum lies below `root` (the OpenAPI v2 document of the built-in types has none). */
function hasEnums(root: SchemaNode): boolean {
  let known = enumsByRoot.get(root);
  if (known === undefined) {
    known = [...checkedNodes(root)].some((n) => n.kind !== 'struct' && ownChecks(n));
    enumsByRoot.set(root, known);
  }
  return known;
}

function children(node: SchemaNode): SchemaNode[] {
  if (node.kind === 'struct') return [...node.fields.values()];
  if (node.kind === 'map') return [node.values];
  if (node.kind === 'list') return [node.items];
  return [];
}

function ownChecks(node: SchemaNode): boolean {
  if (node.kind === 'struct') return node.required.length > 0;
  if (node.kind === 'map' || node.kind === 'list' || node.kind === 'opaque') return false;
  return node.enum !== undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
