// Secret: `stringData` is a write-only convenience; its entries are merged over `data`
// (base64-encoded) and the field is dropped before the object is stored, as upstream's
// conversion does.

import { GenericStrategy } from '../generic-strategy.js';
import type { ApiObject } from '../strategy.js';

export class SecretStrategy extends GenericStrategy {
  override applyDefaults(obj: ApiObject): void {
    const stringData = obj.stringData as Record<string, string> | undefined;
    if (stringData !== undefined) {
      const data = { ...((obj.data ?? {}) as Record<string, string>) };
      for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(value, 'utf8').toString('base64');
      obj.data = data;
      delete obj.stringData;
    }
    super.applyDefaults(obj);
  }
}
