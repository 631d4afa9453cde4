/**
 * Events are facts: the store is hash-chained and never rewritten, so an event written in an older shape stays in
 * that shape. Each event records the schema version it was written in (`metadata.schemaVersion`, absent for
 * version 1), and readers upgrade old shapes on read, one version at a time, through registered upcasters (the
 * pattern of Emmett's `versioning.upcast`). Hashes are always checked on the stored shape.
 */
export interface VersionedEvent {
  type: string;
  data: unknown;
  metadata?: object & { schemaVersion?: number };
}

export interface Upcaster {
  type: string;
  /** The version this upcaster reads; it answers the data of version `fromVersion + 1`. */
  fromVersion: number;
  upcast: (data: Record<string, unknown>) => Record<string, unknown>;
}

export class EventVersions {
  private readonly current = new Map<string, number>();
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[]) {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromVersion}`;
      if (this.upcasters.has(key)) throw new Error(`two upcasters for ${key}`);
      this.upcasters.set(key, upcaster);
      this.current.set(upcaster.type, Math.max(this.current.get(upcaster.type) ?? 1, upcaster.fromVersion + 1));
    }
  }

  /** The version events of this type are written in now. */
  versionOf(type: string): number {
    return this.current.get(type) ?? 1;
  }

  /** The event in its current shape: itself when it is already current. */
  upcast<E extends VersionedEvent>(event: E): E {
    const written = event.metadata?.schemaVersion ?? 1;
    let version = written;
    let data = event.data as Record<string, unknown>;
    for (
      let upcaster = this.upcasters.get(`${event.type}@${version}`);
      upcaster;
      upcaster = this.upcasters.get(`${event.type}@${version}`)
    ) {
      data = upcaster.upcast(data);
      version += 1;
    }
    return version === written ? event : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}
