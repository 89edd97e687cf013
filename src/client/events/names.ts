// Event names as upstream's recorder makes them: `<object name>.<nanoseconds, hex>`.
// Node's clock has millisecond resolution, so a counter fills the sub-millisecond digits
// to keep two events recorded in one millisecond from colliding.

let lastNanos = 0n;

export function eventName(objectName: string, nowMs: number): string {
  let nanos = BigInt(Math.floor(nowMs)) * 1_000_000n;
  if (nanos <= lastNanos) nanos = lastNanos + 1n;
  lastNanos = nanos;
  return `${objectName}.${nanos.toString(16)}`;
}
