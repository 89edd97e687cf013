// Upstream merges a list of maps in place: deleting an element shifts the later ones
// down in the same memory, and appending writes into the slot after the last element
// while there is room. The caller that handles `$setElementOrder` still holds the
// original list's header (same memory, original length) and orders the server's
// elements by what it now sees there. That view is part of upstream's observable
// behaviour (its own test table depends on it), so kubets reproduces it: SharedSlice is
// a list plus the original-length window onto its memory. Writes at or beyond the
// original length never show in the window, which is why the slice's capacity does not
// matter.

import type { JsonValue } from './json-value.js';

export class SharedSlice<T extends JsonValue> {
  private current: T[];
  private readonly window: T[];
  /** Set once the list stops sharing memory with the window (replaced wholesale). */
  private detached = false;

  constructor(original: readonly T[]) {
    this.current = [...original];
    this.window = [...original];
  }

  /** The list as it now is. */
  get items(): readonly T[] {
    return this.current;
  }

  /** What a holder of the original header sees now. */
  get originalView(): T[] {
    return this.window;
  }

  /** Removes element `index`, shifting the later ones down (the old last slot keeps its value). */
  removeAt(index: number): void {
    const length = this.current.length;
    this.current.splice(index, 1);
    if (this.detached) return;
    for (let i = index; i < length - 1; i++) this.window[i] = this.window[i + 1] as T;
  }

  /** Appends `value` into the next slot. */
  push(value: T): void {
    if (!this.detached && this.current.length < this.window.length) this.window[this.current.length] = value;
    this.current.push(value);
  }

  /** Replaces element `index`. */
  set(index: number, value: T): void {
    this.current[index] = value;
    if (!this.detached && index < this.window.length) this.window[index] = value;
  }

  /** Makes `items` the whole list, in new memory. */
  replaceAll(items: T[]): void {
    this.current = items;
    this.detached = true;
  }
}
