// A profile's pluginConfig, checked when the file is loaded (before the scheduler connects):
// each plugin configured once; the args of a plugin that has an upstream args type
// (`<Plugin>Args`) strictly decoded against that type's shape, then validated by the
// plugin's own args reader. Args of other plugins (out-of-tree, or in-tree without an args
// type) are passed over undecoded, as upstream leaves them to the plugin. Every problem is reported with upstream's field path,
// `profiles[0].pluginConfig[2].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`.

import { preemptionArgs } from '../plugins/defaultpreemption/preemption-args.js';
import { interPodAffinityArgs } from '../plugins/interpodaffinity/affinity-args.js';
import { nodeAffinityArgs } from '../plugins/nodeaffinity/affinity-args.js';
import { balancedArgs } from '../plugins/noderesources/balanced-args.js';
import { fitArgs } from '../plugins/noderesources/fit-args.js';
import { spreadArgs } from '../plugins/podtopologyspread/spread-args.js';
import { bindTimeoutMs } from '../plugins/volumebinding/volume-binding.js';
import { shapeErrors, type Shape, type ShapeError } from './args-shape.js';

interface ArgsType {
  readonly shape: Shape;
  /** The plugin's args reader; throws an error whose `errors` (or message) are `field: detail` strings relative to the args. */
  readonly read: (raw: Record<string, unknown> | undefined) => unknown;
}

const resourceSpec: Shape = { fields: { name: 'string', weight: 'integer' } };
const shapePoint: Shape = { fields: { utilization: 'integer', score: 'integer' } };

/** The upstream v1 args types of the plugins kubets has, by plugin name. */
export const ARGS_TYPES: ReadonlyMap<string, ArgsType> = new Map<string, ArgsType>([
  ['DefaultPreemption', { shape: { fields: { minCandidateNodesPercentage: 'integer', minCandidateNodesAbsolute: 'integer' } }, read: preemptionArgs }],
  ['InterPodAffinity', { shape: { fields: { hardPodAffinityWeight: 'integer', ignorePreferredTermsOfExistingPods: 'boolean' } }, read: interPodAffinityArgs }],
  ['NodeAffinity', { shape: { fields: { addedAffinity: { catalogue: 'io.k8s.api.core.v1.NodeAffinity' } } }, read: nodeAffinityArgs }],
  ['NodeResourcesBalancedAllocation', { shape: { fields: { resources: { items: resourceSpec } } }, read: balancedArgs }],
  [
    'NodeResourcesFit',
    {
      shape: {
        fields: {
          ignoredResources: { items: 'string' },
          ignoredResourceGroups: { items: 'string' },
          scoringStrategy: { fields: { type: 'string', resources: { items: resourceSpec }, requestedToCapacityRatio: { fields: { shape: { items: shapePoint } } } } },
        },
      },
      read: fitArgs,
    },
  ],
  [
    'PodTopologySpread',
    { shape: { fields: { defaultConstraints: { items: { catalogue: 'io.k8s.api.core.v1.TopologySpreadConstraint' } }, defaultingType: 'string' } }, read: spreadArgs },
  ],
  ['VolumeBinding', { shape: { fields: { bindTimeoutSeconds: 'integer', shape: { items: shapePoint } } }, read: bindTimeoutMs }],
]);

export interface PluginConfigEntry {
  readonly name: string;
  readonly args?: Record<string, unknown>;
}

/** `field: detail` (the readers' format) split at the first `: `. */
function splitMessage(text: string): ShapeError {
  const at = text.indexOf(': ');
  return at < 0 ? { field: '', detail: text } : { field: text.slice(0, at), detail: text.slice(at + 2) };
}

function readerErrors(type: ArgsType, args: Record<string, unknown> | undefined): ShapeError[] {
  try {
    type.read(args);
    return [];
  } catch (error) {
    const listed = (error as { errors?: unknown }).errors;
    const texts = Array.isArray(listed) ? (listed as string[]) : [(error as Error).message];
    return texts.map(splitMessage);
  }
}

function entryErrors(entry: PluginConfigEntry, argsPath: string): ShapeError[] {
  const type = ARGS_TYPES.get(entry.name);
  const local = (() => {
    if (type === undefined) return [];
    const strict = shapeErrors(entry.args, type.shape, '');
    return strict.length > 0 ? strict : readerErrors(type, entry.args);
  })();
  return local.map((e) => ({ field: e.field === '' ? argsPath : `${argsPath}${e.field.startsWith('[') ? '' : '.'}${e.field}`, detail: e.detail }));
}

/** Every problem of a profile's pluginConfig (`path` is the profile's, `profiles[0]`), in order; empty when it is good. */
export function pluginConfigErrors(entries: readonly PluginConfigEntry[], path: string): ShapeError[] {
  const errors: ShapeError[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const entryPath = `${path}.pluginConfig[${i}]`;
    if (seen.has(entry.name)) errors.push({ field: entryPath, detail: `Duplicate value: ${JSON.stringify(entry.name)}` });
    seen.add(entry.name);
    errors.push(...entryErrors(entry, `${entryPath}.args`));
  });
  return errors;
}
