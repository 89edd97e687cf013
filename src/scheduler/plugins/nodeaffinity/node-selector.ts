// core/v1 NodeSelector matching lives in src/api/scheduling/node-selector.ts, shared with
// the DaemonSet controller; the scheduler's names for it.

export { matchesAnyNodeSelectorTerm as matchesAnyTerm, matchesNodeSelectorTerm as matchesTerm } from '../../../api/scheduling/node-selector.js';
