// Node: unlike most kinds, a Node may be created with its status (a kubelet registers
// itself with capacity, addresses and conditions in one request).

import { GenericStrategy } from '../generic-strategy.js';
import type { ApiObject } from '../strategy.js';

export class NodeStrategy extends GenericStrategy {
  override prepareForCreate(_obj: ApiObject): void {}
}
