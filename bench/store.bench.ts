import pg from 'pg';
import { openEventStore, eventStoreOn, START, type EventStore } from '#event-store';
import { openSqlClient } from '#sql';
import { openReadModels, PROJECTIONS, Projector, readModelsOptions } from '#read-models';
import { benchUrl } from './database.js';
import { loadCircuit, PROBE_STREAM } from './load.js';
import { median, medianRate, percentile, type Row } from './measure.js';
import { shipmentEvent } from './payload.js';

export const LOADED_SCHEMA = 'loaded';

async function readEverything(store: EventStore, pageSize: number): Promise<number> {
  let from = START;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ from, maxCount: pageSize });
    if (page.events.length === 0) return count;
    count += page.events.length;
    from = page.checkpoint;
  }
}

/** Loads the circuit's events, then reads them back, rebuilds the read models and measures projection lag. */
export async function storeBenchmarks(total: number, runs: number, log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const sql = await openSqlClient({ kind: 'postgres', url: benchUrl(), schema: LOADED_SCHEMA, poolSize: 8 });
  const store = await eventStoreOn(sql);
  try {
    log(`loading ${total} events`);
    const started = Date.now();
    const written = await loadCircuit(store, total, (n) => log(`  ${n} events loaded`));
    rows.push({
      group: 'load',
      figure: `${written} circuit events, appends of 100 by 4 writers`,
      value: written / ((Date.now() - started) / 1000),
      unit: 'events/s',
    });

    log('reading the whole global order');
    const fullRead = await medianRate(runs, written, () => readEverything(store, 5000));
    rows.push({
      group: 'read',
      figure: `whole global order from the start (${written} events, pages of 5,000)`,
      value: fullRead,
      unit: 'events/s',
      target: '>= 100,000 events/s',
    });
    // The limit: the same rows in a bare table whose primary key is the position, read by a keyset scan.
    const client = new pg.Client({ connectionString: benchUrl() });
    await client.connect();
    await client.query(
      `CREATE TABLE ${LOADED_SCHEMA}.bare AS SELECT global_position AS position, stream_id, stream_revision, data, metadata FROM ${LOADED_SCHEMA}.events`,
    );
    await client.query(`ALTER TABLE ${LOADED_SCHEMA}.bare ADD PRIMARY KEY (position)`);
    const limitRead = await medianRate(runs, written, async () => {
      let after = 0;
      for (;;) {
        const { rows: page } = await client.query(
          `SELECT position, stream_id, stream_revision, data, metadata FROM ${LOADED_SCHEMA}.bare WHERE position > $1 ORDER BY position LIMIT 5000`,
          [after],
        );
        if (page.length === 0) break;
        after = Number(page[page.length - 1].position);
      }
    });
    await client.query(`DROP TABLE ${LOADED_SCHEMA}.bare`);
    await client.end();
    rows.push({
      group: 'read',
      figure: 'the same by a bare keyset scan on the position (limit)',
      value: limitRead,
      unit: 'events/s',
    });
    rows[rows.length - 2].vsLimit = fullRead / limitRead;

    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = process.hrtime.bigint();
      const events = await store.readStream(PROBE_STREAM);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (events.length !== 1000) throw new Error(`probe stream has ${events.length} events`);
    }
    rows.push({
      group: 'read',
      figure: `one stream of 1,000 events among ${written} (median of 30)`,
      value: median(times),
      unit: `ms (p99 ${percentile(times, 99).toFixed(1)} ms)`,
    });

    log('rebuilding every read model from zero');
    const readModels = await openReadModels(
      readModelsOptions({ kind: 'postgres', url: benchUrl(), schema: LOADED_SCHEMA, poolSize: 8 }, sql),
    );
    const projector = new Projector(store, readModels, PROJECTIONS, { batchSize: 5000 });
    await projector.register();
    await projector.rebuild();
    const rebuildStarted = Date.now();
    projector.start();
    await projector.caughtUp(600_000);
    const rebuildRate = written / ((Date.now() - rebuildStarted) / 1000);
    rows.push({
      group: 'projections',
      figure: `rebuild of ${PROJECTIONS.length} read models from ${written} events (one reader), against the full read above`,
      value: rebuildRate,
      unit: `events/s (full read ${Math.round(fullRead)})`,
      vsLimit: rebuildRate / fullRead,
      target: '>= 0.4x full read',
    });

    log('projection lag under a steady write load of about 1,000 events/s for 10 s');
    const behind: number[] = [];
    let writing = true;
    let id = 0;
    const writer = (async () => {
      while (writing) {
        const t = Date.now();
        await store.append(
          `steady-${Math.floor(id / 1000)}`,
          Array.from({ length: 10 }, () => shipmentEvent(id++)),
        );
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10 - (Date.now() - t))));
      }
    })();
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      behind.push(Math.max(...(await projector.status()).map((s) => s.behind)));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    writing = false;
    await writer;
    await projector.caughtUp();
    await projector.stop();
    await readModels.destroy();
    rows.push({
      group: 'projections',
      figure: `lag under ${Math.round(id / 10)} events/s of writes (median of ${behind.length} samples)`,
      value: median(behind),
      unit: `events behind (p99 ${percentile(behind, 99)}, max ${Math.max(...behind)})`,
    });
  } finally {
    await store.close();
    await sql.close();
  }
  return rows;
}

/** The embedded store on disk, beside PostgreSQL's figures. */
export async function pgliteBenchmarks(dataDir: string, runs: number, log: (line: string) => void): Promise<Row[]> {
  log('embedded PGlite: append and read');
  const store = await openEventStore({ kind: 'pglite', dataDir });
  const rows: Row[] = [];
  try {
    let id = 0;
    const single = await medianRate(runs, 1000, async (run) => {
      for (let i = 0; i < 1000; i++)
        await store.append(`e1-${run}-${i}`, [shipmentEvent(id++)], { expectedRevision: 'no_stream' });
    });
    rows.push({ group: 'pglite', figure: '1 event per append, 1 writer', value: single, unit: 'events/s' });
    const batch = await medianRate(runs, 10_000, async (run) => {
      for (let i = 0; i < 100; i++)
        await store.append(
          `e100-${run}-${i}`,
          Array.from({ length: 100 }, () => shipmentEvent(id++)),
          { expectedRevision: 'no_stream' },
        );
    });
    rows.push({ group: 'pglite', figure: '100 events per append', value: batch, unit: 'events/s' });
    const total = id;
    const read = await medianRate(runs, total, () => readEverything(store, 5000));
    rows.push({ group: 'pglite', figure: `whole global order (${total} events)`, value: read, unit: 'events/s' });
  } finally {
    await store.close();
  }
  return rows;
}
