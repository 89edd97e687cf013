// Cell formats several kinds share, each as upstream prints it: label maps and label
// selectors, container lists, "a,b,c + 2 more..." lists, quantities, int-or-strings,
// optional booleans and condition lookups.

import { LabelSelectorError, labelSelectorFromObject, labelSelectorFromSet, type LabelSelectorObject } from '../../machinery/label-selector.js';
import { Quantity } from '../../machinery/quantity.js';
import { since } from './duration.js';

export const NONE = '<none>';
export const UNSET = '<unset>';
export const UNKNOWN = '<unknown>';

/** Metadata fields the printers read. */
export interface MetaView {
  name?: string;
  namespace?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion?: string; kind?: string; name?: string; controller?: boolean }[];
}

/** What every printed object has. */
export interface ObjectView {
  metadata?: MetaView;
}

/** The object's name ('' when absent). */
export function nameOf(obj: ObjectView): string {
  return obj.metadata?.name ?? '';
}

/** The object's age at `now`. */
export function ageOf(obj: ObjectView, now: Date): string {
  return since(obj.metadata?.creationTimestamp, now);
}

export interface ContainerView {
  name?: string;
  image?: string;
  restartPolicy?: string;
}

/** A pod template inside a workload. */
export interface PodTemplateSpecView {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: ContainerView[]; nodeSelector?: Record<string, string> };
}

/** A condition as most kinds' statuses carry it. */
export interface ConditionView {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** `a=1,b=2` sorted by key, `<none>` when empty (labels.FormatLabels). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  return labelSelectorFromSet(labels).toString() || NONE;
}

/** A selector object's canonical string; `<none>` when empty or absent, `<error>` when invalid (metav1.FormatLabelSelector). */
export function formatLabelSelector(selector: LabelSelectorObject | null | undefined): string {
  try {
    return labelSelectorFromObject(selector).toString() || NONE;
  } catch (err) {
    if (err instanceof LabelSelectorError) return '<error>';
    throw err;
  }
}

/** A selector object's canonical string, '' when empty or absent, `<invalid>` when invalid (as Deployments print it). */
export function selectorString(selector: LabelSelectorObject | null | undefined): string {
  try {
    return labelSelectorFromObject(selector).toString();
  } catch (err) {
    if (err instanceof LabelSelectorError) return '<invalid>';
    throw err;
  }
}

/** The names and the images of containers, each joined by ','. */
export function containerCells(containers: readonly ContainerView[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** The first `max` items joined by ',', `+ N more...` past them, `<unset>` when empty (listWithMoreString). */
export function listWithMore(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? UNSET : shown;
}

/**
 * A quantity as upstream prints it (its String form). `missing` stands for an absent
 * value: '0' where upstream reads a map (a zero Quantity), `<nil>` where it derefs a pointer.
 */
export function quantity(value: unknown, missing = '0'): string {
  if (value == null) return missing;
  try {
    return Quantity.fromJSON(value).toString();
  } catch {
    // Stored quantities were validated; print anything else as it stands.
    return String(value as string);
  }
}

/** An IntOrString as its String form: the number in decimal or the string itself. */
export function intOrString(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

/** `True`, `False`, or `<unset>` for an absent optional boolean (printBoolPtr). */
export function boolText(value: boolean | undefined): string {
  if (value == null) return UNSET;
  return value ? 'True' : 'False';
}

/** Whether the first condition of this type is True (later ones of the same type are ignored). */
export function conditionTrue(conditions: readonly ConditionView[] | undefined, type: string): boolean {
  return conditions?.find((c) => c.type === type)?.status === 'True';
}

/** `kind.group/name` in lower case, or `kind/name` in the core group (formatResourceName). */
export function groupKindName(group: string, kind: string, name: string): string {
  if (kind === '' && group === '') return name;
  const groupKind = group === '' ? kind : `${kind}.${group}`;
  return `${groupKind.toLowerCase()}/${name}`;
}

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ''); undefined when malformed. */
export function groupOf(apiVersion: string): string | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return '';
  if (parts.length === 2) return parts[0];
  return undefined;
}

/** `host:port`, with brackets around IPv6 hosts (net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
