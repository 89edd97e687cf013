// ImageLocality: prefers nodes that already hold the pod's images. Each image present
// counts its size scaled by the share of nodes that have it (so an image everywhere does
// not pull every pod to one node); the sum is mapped linearly from [23 MB, 1000 MB × the
// number of containers] onto 0..100. The share comes from the snapshot's image counts,
// so a cycle does not look at every node's images.

import { Status } from '../../framework/status.js';
import { MAX_NODE_SCORE, type Handle, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import { podImages } from '../../framework/images.js';
import { podSpec } from '../../framework/types.js';

export const NAME = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;
const STATE_KEY = `PreScore${NAME}`;

interface ImageSpread {
  readonly images: readonly string[];
  /** Per image of `images`, the share of nodes holding it. */
  readonly shares: readonly number[];
  readonly containers: number;
}

export function imageLocality(handle: Handle): PreScorePlugin & ScorePlugin {
  return {
    name: NAME,
    preScore(state, pod) {
      const snapshot = handle.snapshot();
      const total = snapshot.nodes().length;
      const images = podImages(pod);
      const shares = images.map((image) => (total === 0 ? 0 : snapshot.nodesWithImage(image) / total));
      const spec = podSpec(pod);
      const containers = (spec.containers ?? []).length + (spec.initContainers ?? []).length;
      state.write(STATE_KEY, { images, shares, containers } satisfies ImageSpread);
      return Status.success();
    },
    score(state, _pod, info) {
      const spread = state.read<ImageSpread>(STATE_KEY);
      if (spread === undefined || info.images.size === 0) return { score: 0, status: Status.success() };
      let sum = 0;
      spread.images.forEach((image, i) => {
        const size = info.images.get(image);
        if (size !== undefined) sum += size * spread.shares[i]!;
      });
      const max = MAX_CONTAINER_THRESHOLD * spread.containers;
      const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
      return { score: Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD)), status: Status.success() };
    },
  };
}
