// ImageLocality: prefers nodes that already hold the pod's images. Each image present
// counts its size scaled by the share of nodes that have it (so an image everywhere does
// not pull every pod to one node); the sum is mapped linearly from [23 MB, 1000 MB × the
// number of containers] onto 0..100.

import type { Node, Pod } from '../../../client/index.js';
import { Status } from '../../framework/status.js';
import { MAX_NODE_SCORE, type Handle, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import { podSpec } from '../../framework/types.js';

export const NAME = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;
const STATE_KEY = `PreScore${NAME}`;

interface NodeImage {
  names?: string[];
  sizeBytes?: number;
}

/** `nginx` → `nginx:latest`; names with a tag or digest unchanged. */
export function normalizedImageName(name: string): string {
  if (name.includes('@')) return name;
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function nodeImages(node: Node | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const image of ((node?.status?.images ?? []) as NodeImage[])) {
    for (const name of image.names ?? []) out.set(normalizedImageName(name), image.sizeBytes ?? 0);
  }
  return out;
}

function podImages(pod: Pod): string[] {
  const spec = podSpec(pod);
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.image).filter((i): i is string => i !== undefined && i !== '').map(normalizedImageName);
}

interface ImageSpread {
  readonly total: number;
  readonly nodesWith: Map<string, number>;
  readonly containers: number;
}

export function imageLocality(handle: Handle): PreScorePlugin & ScorePlugin {
  return {
    name: NAME,
    preScore(state, pod) {
      const images = new Set(podImages(pod));
      const nodes = handle.snapshot().nodes();
      const nodesWith = new Map<string, number>();
      for (const info of nodes) {
        const have = nodeImages(info.node);
        for (const image of images) if (have.has(image)) nodesWith.set(image, (nodesWith.get(image) ?? 0) + 1);
      }
      const spec = podSpec(pod);
      const spread: ImageSpread = { total: nodes.length, nodesWith, containers: (spec.containers ?? []).length + (spec.initContainers ?? []).length };
      state.write(STATE_KEY, spread);
      return Status.success();
    },
    score(state, pod, info) {
      const spread = state.read<ImageSpread>(STATE_KEY);
      if (spread === undefined || spread.total === 0) return { score: 0, status: Status.success() };
      const have = nodeImages(info.node);
      let sum = 0;
      for (const image of podImages(pod)) {
        const size = have.get(image);
        if (size !== undefined) sum += size * ((spread.nodesWith.get(image) ?? 0) / spread.total);
      }
      const max = MAX_CONTAINER_THRESHOLD * spread.containers;
      const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
      return { score: Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD)), status: Status.success() };
    },
  };
}
