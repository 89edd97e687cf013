// The catalogue's schemas seen through the PatchSchema interface of the strategic merge
// engine (src/machinery/patch): which members merge, by which key.

import type { PatchSchema } from '../../machinery/patch/schema.js';
import { resolve, schema, type TypeSchema } from '../catalogue.js';

class CataloguePatchSchema implements PatchSchema {
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  private readonly resolved: TypeSchema;

  constructor(field: TypeSchema) {
    // The strategy and key belong to the field; the shape to the type it refers to.
    this.patchStrategy = field.patchStrategy;
    this.patchMergeKey = field.patchMergeKey;
    this.resolved = resolve(field);
  }

  field(name: string): PatchSchema | undefined {
    const { properties, additionalProperties } = this.resolved;
    const member = properties?.[name] ?? (typeof additionalProperties === 'object' ? additionalProperties : undefined);
    return member === undefined ? undefined : new CataloguePatchSchema(member);
  }

  elements(): PatchSchema | undefined {
    const items = this.resolved.items;
    return items === undefined ? undefined : new CataloguePatchSchema(items);
  }
}

const cache = new Map<string, PatchSchema | undefined>();

/** The patch schema of a top-level type (e.g. `io.k8s.api.core.v1.Pod`). */
export function patchSchemaFor(typeName: string): PatchSchema | undefined {
  if (!cache.has(typeName)) {
    const root = schema(typeName);
    cache.set(typeName, root === undefined ? undefined : new CataloguePatchSchema({ ref: typeName }));
  }
  return cache.get(typeName);
}
