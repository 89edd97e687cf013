// Resource lists (maps of resource name → quantity): upstream rounds every value up to
// milli-units when it decodes one (SetDefaults_ResourceList), so `0.0001` CPU is stored as
// `1m`. Values that are already whole milli-units are kept as written.

import { Quantity, QuantityParseError } from '../../machinery/quantity.js';
import { isObject, type JsonObject } from './json.js';

const MILLI = -3;

/** Rounds each quantity of the map under `key` up to milli-units, in place. */
export function roundResourceList(owner: JsonObject | undefined, key: string): void {
  const list = owner?.[key];
  if (!isObject(list)) return;
  for (const [name, value] of Object.entries(list)) {
    const rounded = roundedUpToMilli(value);
    if (rounded !== undefined) list[name] = rounded;
  }
}

/** The rounded quantity string, or undefined when the value needs no change (or is not a quantity). */
function roundedUpToMilli(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  let quantity: Quantity;
  try {
    quantity = Quantity.fromJSON(value);
  } catch (error) {
    if (error instanceof QuantityParseError) return undefined; // validation reports it
    throw error;
  }
  const milli = quantity.scaledBigInt(MILLI);
  const rounded = Quantity.fromScaled(milli, MILLI).withFormat(quantity.format);
  return rounded.equals(quantity) ? undefined : rounded.toString();
}

/** Copies each entry of `from` that `to` lacks (Go's "default X to Y" over resource lists). */
export function fillMissing(to: JsonObject, from: JsonObject | undefined): void {
  if (from === undefined) return;
  for (const [name, value] of Object.entries(from)) {
    if (!(name in to)) to[name] = value;
  }
}
