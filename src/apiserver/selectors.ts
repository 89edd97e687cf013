// labelSelector and fieldSelector of list, watch and deletecollection requests, turned
// into one predicate over objects. Fields beyond metadata.name and metadata.namespace
// come from the kind's strategy; others are refused with upstream's message.

import * as errors from '../machinery/errors.js';
import { parseLabelSelector } from '../machinery/label-selector-parser.js';
import { labelSelectorFromObject, labelSelectorFromSet, LabelSelectorError, type LabelSelectorObject } from '../machinery/label-selector.js';
import {
  fieldLabelNotSupportedMessage,
  FieldSelectorError,
  onlyMetadataFieldsMessage,
  parseFieldSelector,
} from '../machinery/field-selector.js';
import type { FieldGetter } from '../api/strategy.js';
import { isPlainObject, type KubeObject } from './object.js';
import type { Endpoint } from './registry/registry.js';

export interface ObjectFilter {
  /** Undefined when the request selects everything. */
  readonly matches?: (obj: KubeObject) => boolean;
  /** Whether any selector narrows the result. */
  readonly filtered: boolean;
}

const METADATA_FIELDS: Readonly<Record<string, FieldGetter>> = {
  'metadata.name': (obj) => obj.metadata.name ?? '',
  'metadata.namespace': (obj) => obj.metadata.namespace ?? '',
};

export function buildFilter(endpoint: Endpoint, query: URLSearchParams): ObjectFilter {
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  let labels;
  let fields;
  try {
    labels = labelText === '' ? undefined : parseLabelSelector(labelText);
  } catch (error) {
    if (error instanceof LabelSelectorError) throw errors.badRequest(error.message);
    throw error;
  }
  try {
    fields = fieldText === '' ? undefined : parseFieldSelector(fieldText);
  } catch (error) {
    if (error instanceof FieldSelectorError) throw errors.badRequest(error.message);
    throw error;
  }
  const labelSelector = labels?.isEverything() ? undefined : labels;
  const fieldSelector = fields?.isEverything() ? undefined : fields;
  if (labelSelector === undefined && fieldSelector === undefined) return { filtered: false };

  const custom = endpoint.store?.strategy.fieldSelectors ?? {};
  const getters: Record<string, FieldGetter> = { ...METADATA_FIELDS, ...custom };
  for (const field of fieldSelector?.fields() ?? []) {
    if (getters[field] === undefined) {
      const message = Object.keys(custom).length > 0 ? fieldLabelNotSupportedMessage(field) : onlyMetadataFieldsMessage(field);
      throw errors.badRequest(message);
    }
  }
  return {
    filtered: true,
    matches: (obj) => {
      if (labelSelector !== undefined && !labelSelector.matches(obj.metadata.labels)) return false;
      if (fieldSelector !== undefined && !fieldSelector.matches((field) => getters[field]?.(obj))) return false;
      return true;
    },
  };
}

/**
 * The string form of a workload's selector, as the scale subresource reports it: a
 * LabelSelector object (apps) or a plain map (ReplicationController).
 */
export function selectorToString(selector: unknown): string {
  if (!isPlainObject(selector)) return '';
  try {
    const isObjectForm = 'matchLabels' in selector || 'matchExpressions' in selector;
    const parsed = isObjectForm
      ? labelSelectorFromObject(selector as LabelSelectorObject)
      : labelSelectorFromSet(selector as Record<string, string>);
    return parsed.toString();
  } catch {
    return '';
  }
}
