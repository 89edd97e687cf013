// Owners known to be gone (upstream's absentOwnerCache): a uid is never reused, so an owner
// the API server once reported absent stays absent, and the dependents it leaves behind —
// thousands of pods of a deleted ReplicaSet — need no GET each to learn it. Bounded, least
// recently used first out, as upstream's (500 entries).

export const ABSENT_OWNERS_CAPACITY = 500;

export class AbsentOwners {
  /** Insertion order is recency order: a hit moves the key to the end. */
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = ABSENT_OWNERS_CAPACITY) {}

  /** `namespace` is the owner's ('' for a cluster-scoped owner). */
  has(namespace: string, uid: string): boolean {
    const key = `${namespace}/${uid}`;
    if (!this.keys.has(key)) return false;
    this.keys.delete(key);
    this.keys.add(key);
    return true;
  }

  add(namespace: string, uid: string): void {
    const key = `${namespace}/${uid}`;
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
  }
}
