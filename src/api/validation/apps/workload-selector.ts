// The selector of a workload and its agreement with the pod template's labels, as the
// apps group checks them (and batch for Jobs): the selector object is validated, turned
// into a selector, and must match the labels of the pods the workload will create.

import { invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { labelSelectorFromObject, validateLabelSelector, type LabelSelector } from '../../../machinery/label-selector.js';
import { isValidLabelValue } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { asObject, isEmpty, obj, objects, objOrEmpty, strings, stringMap, type Json } from '../common/json.js';
import { goLabels, goLabelSelector } from '../go-values.js';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** The selector of a selector object, or undefined when it cannot be built (upstream's LabelSelectorAsSelector error). */
export function selectorOf(selector: unknown): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(asObject(selector) ?? null);
  } catch {
    return undefined;
  }
}

/** Whether a selector object has neither matchLabels nor matchExpressions. */
export function isEmptySelector(selector: Json): boolean {
  return isEmpty(selector, 'matchLabels') && isEmpty(selector, 'matchExpressions');
}

/**
 * A selector every workload must have and that must select something: Required when
 * unset, strictly validated, `empty selector is invalid for <kind>` when empty.
 */
export function validateRequiredSelector(spec: Json, path: FieldPath, kind: string): FieldErrorList {
  const selector = obj(spec, 'selector');
  if (selector === undefined) return [required(path.child('selector'), '')];
  const errs = validateLabelSelector(selector, path.child('selector'));
  if (isEmptySelector(selector)) {
    errs.push(invalid(path.child('selector'), goLabelSelector(selector), `empty selector is invalid for ${kind}`));
  }
  return errs;
}

/**
 * `selector does not match template labels` when the selector selects something and not
 * the template's labels. A missing selector selects nothing, so it never matches.
 */
export function validateSelectorMatchesTemplate(selector: LabelSelector, template: Json, templatePath: FieldPath): FieldErrorList {
  if (selector.isEverything()) return [];
  const meta = obj(template, 'metadata');
  if (selector.matches(stringMap(meta, 'labels'))) return [];
  return [invalid(templatePath.child('metadata', 'labels'), goLabels(meta), SELECTOR_MISMATCH)];
}

/**
 * The selector of an apps/v1 workload may not change (upstream's strategies check this for
 * every version but the long-removed extensions/v1beta1 and apps/v1beta1).
 */
export function validateImmutableSelector(obj: ApiObject, old: ApiObject): FieldErrorList {
  const selector = goLabelSelector(objOrEmpty(obj, 'spec').selector);
  const oldSelector = goLabelSelector(objOrEmpty(old, 'spec').selector);
  return validateImmutableField(selector, oldSelector, root('spec', 'selector'));
}

/**
 * Whether a stored selector has an expression value that is no valid label value (older
 * servers accepted them); updates of such objects keep accepting them (upstream's
 * LabelSelectorHasInvalidLabelValue).
 */
export function hasInvalidLabelValue(selector: unknown): boolean {
  const expressions = objects(asObject(selector), 'matchExpressions');
  return expressions.some((e) => strings(e, 'values').some((v) => isValidLabelValue(v).length > 0));
}
