// Concurrent reads of the current value of one key share one etcd Range. A read joins
// the Range that is waiting to be sent, never one already sent: the shared Range leaves
// after every read that joined it was called, so each of them still sees every write
// acknowledged before it was called (the reads stay linearizable). The Range waits for
// the end of the current event-loop turn, so reads issued together travel together;
// a read that finds none waiting starts the next one.
export class ReadCoalescer<T> {
  private readonly waiting = new Map<string, Promise<T>>();

  read(key: string, send: () => Promise<T>): Promise<T> {
    const joined = this.waiting.get(key);
    if (joined) return joined;
    const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.waiting.delete(key);
      return send();
    });
    this.waiting.set(key, read);
    return read;
  }
}
