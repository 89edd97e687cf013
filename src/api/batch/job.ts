// Job: unless the user asks for a manual selector, a new Job selects its pods by its own
// uid, and its pod template is labelled to match (upstream's Job strategy).

import { GenericStrategy } from '../generic-strategy.js';
import type { ApiObject } from '../strategy.js';
import { generateJobSelector } from '../validation/batch/job-selector.js';

export class JobStrategy extends GenericStrategy {
  override prepareForCreate(obj: ApiObject): void {
    super.prepareForCreate(obj);
    generateJobSelector(obj);
  }
}
