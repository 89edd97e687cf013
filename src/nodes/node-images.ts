// The images a simulated node holds, reported in node.status.images as kubelet does: the
// images pre-pulled by the pool, plus every image a pod on the node has run. Kubelet lists
// what its runtime holds, largest first, at most nodeStatusMaxImages (50) of them, each
// with its repo digest and repo tag as names (as containerd reports them). Sizes here are
// made up, but stable: derived from the image name.

import { digest } from './format.js';

/** Kubelet's default nodeStatusMaxImages. */
export const MAX_IMAGES_IN_NODE_STATUS = 50;

/** One entry of node.status.images. */
export interface ContainerImage {
  names: string[];
  sizeBytes: number;
}

/** `nginx` → `docker.io/library/nginx:latest`, as a container runtime reports an image. */
export function normalizeImage(image: string): string {
  if (image === '') return image;
  const firstSlash = image.indexOf('/');
  const first = firstSlash < 0 ? '' : image.slice(0, firstSlash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let full = hasRegistry ? image : firstSlash < 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastSegment = full.slice(full.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !full.includes('@')) full += ':latest';
  return full;
}

/** The repo digest of a normalized image: what pods report as a container's imageID. */
export function imageID(normalized: string): string {
  const repository = normalized.replace(/[:@][^/]*$/, '');
  return `${repository}@sha256:${digest(`image/${normalized}`)}`;
}

const MIN_SIZE = 1_000_000;
const SIZE_SPREAD = 499_000_000;

/** The node.status.images entry of an image (any spelling of its name). */
export function containerImage(image: string): ContainerImage {
  const normalized = normalizeImage(image);
  const names = normalized.includes('@') ? [normalized] : [imageID(normalized), normalized];
  return { names, sizeBytes: MIN_SIZE + (Number.parseInt(digest(`size/${normalized}`).slice(0, 8), 16) % SIZE_SPREAD) };
}

/**
 * The images on one node.
 * Contract: add() reports whether an image was new to the node; list() is sorted
 * largest first (then by name, so that it is stable) and never longer than `max`.
 */
export class NodeImages {
  private readonly images = new Map<string, ContainerImage>();
  private sorted: ContainerImage[] | undefined;

  constructor(
    prePulled: readonly string[] = [],
    private readonly max = MAX_IMAGES_IN_NODE_STATUS,
  ) {
    this.add(prePulled);
  }

  /** Records images the node pulled; true when one of them is new. */
  add(images: Iterable<string>): boolean {
    let added = false;
    for (const image of images) {
      if (image === '') continue;
      const normalized = normalizeImage(image);
      if (this.images.has(normalized)) continue;
      this.images.set(normalized, containerImage(normalized));
      added = true;
    }
    if (added) this.sorted = undefined;
    return added;
  }

  /** What node.status.images says: a fresh copy, largest first, at most `max` entries. */
  list(): ContainerImage[] {
    this.sorted ??= [...this.images.values()].sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0] ?? '').localeCompare(b.names[0] ?? '')).slice(0, this.max);
    return this.sorted.map((image) => ({ names: [...image.names], sizeBytes: image.sizeBytes }));
  }
}
