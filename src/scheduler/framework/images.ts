// Container images as the scheduler compares them: a Node's `status.images` by normalized
// name, and the pod's images. Computed once per Node object, not per cycle.

import type { Node, Pod } from '../../client/index.js';
import { podSpec } from './types.js';

interface NodeImage {
  names?: string[];
  sizeBytes?: number;
}

/** `nginx` → `nginx:latest`; names with a tag or digest unchanged. */
export function normalizedImageName(name: string): string {
  if (name.includes('@')) return name;
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

const NO_IMAGES: ReadonlyMap<string, number> = new Map();

/** Normalized image name → size in bytes, for the images the Node reports. */
export function nodeImages(node: Node | undefined): ReadonlyMap<string, number> {
  const images = (node?.status?.images ?? []) as NodeImage[];
  if (images.length === 0) return NO_IMAGES;
  const out = new Map<string, number>();
  for (const image of images) {
    for (const name of image.names ?? []) out.set(normalizedImageName(name), image.sizeBytes ?? 0);
  }
  return out;
}

/** The normalized images of a pod's init containers and containers. */
export function podImages(pod: Pod): string[] {
  const spec = podSpec(pod);
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.image).filter((i): i is string => i !== undefined && i !== '').map(normalizedImageName);
}
