import type { DataSource } from 'typeorm';
import type { AlertCandidate, AlertSettings, IsoDate } from '#domain';
import type { EventStore } from '#event-store';

/** What a sweep may read: the read models, and the store for a batch's own events (bounded by the batch). */
export interface SweepSources {
  readModels: DataSource;
  store: EventStore;
}

/**
 * One time-driven kind of alert: what it finds on `today` (Paris) with the settings in force. The sweep raises
 * each candidate once; a candidate found again the next day names the same alert and writes nothing.
 */
export type SweepKind = (sources: SweepSources, settings: AlertSettings, today: IsoDate) => Promise<AlertCandidate[]>;
