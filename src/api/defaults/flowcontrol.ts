// Defaults of the flowcontrol.apiserver.k8s.io group (API Priority and Fairness).

import { child, defaultUnset, defaultZero, withChild, type JsonObject } from './json.js';

export function defaultFlowSchema(flowSchema: JsonObject): void {
  withChild(flowSchema, 'spec', (spec) => defaultZero(spec, 'matchingPrecedence', 1000));
}

export function defaultPriorityLevelConfiguration(level: JsonObject): void {
  const spec = child(level, 'spec');
  withChild(spec, 'limited', (limited) => {
    defaultUnset(limited, 'nominalConcurrencyShares', () => 30);
    defaultUnset(limited, 'lendablePercent', () => 0);
    withChild(child(limited, 'limitResponse'), 'queuing', (queuing) => {
      defaultZero(queuing, 'handSize', 8);
      defaultZero(queuing, 'queues', 64);
      defaultZero(queuing, 'queueLengthLimit', 50);
    });
  });
  withChild(spec, 'exempt', (exempt) => {
    defaultUnset(exempt, 'nominalConcurrencyShares', () => 0);
    defaultUnset(exempt, 'lendablePercent', () => 0);
  });
}
