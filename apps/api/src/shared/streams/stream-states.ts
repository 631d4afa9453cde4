import type { Decider } from '#domain';

interface Entry {
  decider: object;
  revision: number;
  state: unknown;
}

/**
 * States of streams by the revision they were folded to, most recently used kept, so that a command folds only
 * the events it has not seen yet. Only a starting point: every read goes on from the cached revision, and the
 * expected revision still guards every append, so several api processes stay correct.
 */
export class StreamStates {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  get<S>(stream: string, decider: Pick<Decider<never, never, S>, 'initialState'>): { revision: number; state: S } {
    const entry = this.entries.get(stream);
    if (entry && entry.decider === decider) {
      this.entries.delete(stream);
      this.entries.set(stream, entry);
      return { revision: entry.revision, state: entry.state as S };
    }
    return { revision: -1, state: decider.initialState() };
  }

  set(stream: string, decider: object, revision: number, state: unknown): void {
    this.entries.delete(stream);
    this.entries.set(stream, { decider, revision, state });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(stream: string): void {
    this.entries.delete(stream);
  }
}
