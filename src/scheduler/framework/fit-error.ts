// The text of upstream's FitError: "0/N nodes are available: <count> <reason>, ...". Each
// reason of each node's status is counted; nodes without a status count as `absent`;
// the "<count> <reason>" strings are sorted as strings (so "10 x" sorts before "2 y").

import type { NodeToStatus } from './interfaces.js';
import type { Status } from './status.js';

export function reasonHistogram(numAllNodes: number, statuses: NodeToStatus, absent?: Status): string[] {
  const counts = new Map<string, number>();
  for (const status of statuses.values()) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  if (absent !== undefined && statuses.size < numAllNodes) {
    for (const reason of absent.reasons) counts.set(reason, (counts.get(reason) ?? 0) + numAllNodes - statuses.size);
  }
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}

/** `0/N nodes are available: a, b.` — or the PreFilter message instead of the node reasons. */
export function fitErrorMessage(numAllNodes: number, statuses: NodeToStatus, absent?: Status, preFilterMessage?: string, postFilterMessage?: string): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (preFilterMessage !== undefined && preFilterMessage !== '') {
    message += ` ${preFilterMessage}.`;
  } else {
    const reasons = reasonHistogram(numAllNodes, statuses, absent);
    if (reasons.length > 0) message += ` ${reasons.join(', ')}.`;
  }
  if (postFilterMessage !== undefined && postFilterMessage !== '') message += ` ${postFilterMessage}`;
  return message;
}
