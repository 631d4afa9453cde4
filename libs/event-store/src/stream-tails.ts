/** The last known revision and hash of recently written streams, so an append needs no read first. */
export interface StreamTail {
  revision: number;
  hash: string | null;
}

/** Least-recently-used cache. A stale entry is harmless: the adapter refuses the append and the port re-reads. */
export class StreamTails {
  private readonly entries = new Map<string, StreamTail>();

  constructor(private readonly capacity: number) {}

  get(stream: string): StreamTail | undefined {
    const tail = this.entries.get(stream);
    if (tail) {
      this.entries.delete(stream);
      this.entries.set(stream, tail);
    }
    return tail;
  }

  set(stream: string, tail: StreamTail): void {
    this.entries.delete(stream);
    this.entries.set(stream, tail);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  forget(stream: string): void {
    this.entries.delete(stream);
  }
}
