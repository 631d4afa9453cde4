import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { openEventStore, sealAll, SqlCheckpointLog, type EventStore } from '#event-store';
import { openSqlClient } from '#sql';
import { benchUrl } from './database.js';
import { compare, median, medianRate, rate, type Comparison, type Row } from './measure.js';
import { asJson, shipmentEvent } from './payload.js';

const SINGLE = Number(process.env.BENCH_SINGLE ?? 1500);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 4000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const WRITERS = 8;

/** The limit: the same rows in a bare table, with plain SQL and nothing else. */
async function limitTable(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: benchUrl(), max: WRITERS });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS limit_events (position bigserial PRIMARY KEY, stream text NOT NULL, revision int NOT NULL, body jsonb NOT NULL)`,
  );
  return pool;
}

async function split(
  total: number,
  writers: number,
  work: (writer: number, count: number) => Promise<void>,
): Promise<void> {
  await Promise.all(Array.from({ length: writers }, (_, w) => work(w, Math.floor(total / writers))));
}

export async function appendBenchmarks(runs: number, log: (line: string) => void): Promise<Row[]> {
  const store: EventStore = await openEventStore({
    kind: 'postgres',
    url: benchUrl(),
    schema: 'ct',
    poolSize: WRITERS,
  });
  const limit = await limitTable();
  const peer = getPostgreSQLEventStore(benchUrl());
  await peer.appendToStream('warm-up', [{ type: 'WarmUp', data: {} }]);
  let id = 0;
  const rows: Row[] = [];
  try {
    log(`append: one event per append, one writer (${SINGLE} appends)`);
    const single = await compare(runs, SINGLE, {
      ct: async (run) => {
        for (let i = 0; i < SINGLE; i++)
          await store.append(`s1-${run}-${i}`, [shipmentEvent(id++)], { expectedRevision: 'no_stream' });
      },
      limit: async () => {
        const client = await limit.connect();
        try {
          for (let i = 0; i < SINGLE; i++)
            await client.query('INSERT INTO limit_events (stream, revision, body) VALUES ($1, 0, $2)', [
              `s1-${i}`,
              asJson(shipmentEvent(id++)),
            ]);
        } finally {
          client.release();
        }
      },
      peer: async (run) => {
        for (let i = 0; i < SINGLE; i++) {
          const e = shipmentEvent(id++);
          await peer.appendToStream(`p1-${run}-${i}`, [{ type: e.type, data: e.data, metadata: e.metadata }]);
        }
      },
    });
    rows.push(ratioRow('append', '1 event per append, 1 writer', single, '>= 0.7x limit, > peer'));

    log(`append: one event per append, ${WRITERS} writers on different streams (${CONCURRENT} appends)`);
    const concurrent = await compare(runs, CONCURRENT, {
      ct: (run) =>
        split(CONCURRENT, WRITERS, async (w, count) => {
          for (let i = 0; i < count; i++)
            await store.append(`s8-${run}-${w}-${i}`, [shipmentEvent(id++)], { expectedRevision: 'no_stream' });
        }),
      limit: () =>
        split(CONCURRENT, WRITERS, async (w, count) => {
          const client = await limit.connect();
          try {
            for (let i = 0; i < count; i++)
              await client.query('INSERT INTO limit_events (stream, revision, body) VALUES ($1, 0, $2)', [
                `s8-${w}-${i}`,
                asJson(shipmentEvent(id++)),
              ]);
          } finally {
            client.release();
          }
        }),
      peer: (run) =>
        split(CONCURRENT, WRITERS, async (w, count) => {
          for (let i = 0; i < count; i++) {
            const e = shipmentEvent(id++);
            await peer.appendToStream(`p8-${run}-${w}-${i}`, [{ type: e.type, data: e.data, metadata: e.metadata }]);
          }
        }),
    });
    rows.push(ratioRow('append', `1 event per append, ${WRITERS} writers`, concurrent, '>= 0.7x limit, > peer'));

    // The same appends with the api's sealer beside them (every second, as SEAL_INTERVAL_MS defaults), measured
    // in turn with the same appends without it, run by run: sealing reads the new events and writes one
    // checkpoint a second; it is never on the append's path, but it shares the machine.
    log(`append: ${WRITERS} writers, without and with sealing every second (${CONCURRENT} appends each, in turn)`);
    const sql = await openSqlClient({ kind: 'postgres', url: benchUrl(), schema: 'ct', poolSize: 2 });
    const checkpoints = await SqlCheckpointLog.open(sql);
    log(`seal: the ${id} events appended so far, once`);
    const sealRate = await rate(id, () => sealAll(store, checkpoints));
    const writers = (prefix: string) =>
      split(CONCURRENT, WRITERS, async (w, count) => {
        for (let i = 0; i < count; i++)
          await store.append(`${prefix}-${w}-${i}`, [shipmentEvent(id++)], { expectedRevision: 'no_stream' });
      });
    const unsealedRates: number[] = [];
    const sealedRates: number[] = [];
    for (let run = 0; run < runs; run++) {
      unsealedRates.push(await rate(CONCURRENT, () => writers(`unsealed8-${run}`)));
      let sealing = true;
      const sealer = (async () => {
        while (sealing) {
          await sealAll(store, checkpoints);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      })();
      sealedRates.push(await rate(CONCURRENT, () => writers(`sealed8-${run}`)));
      sealing = false;
      await sealer;
    }
    await sql.close();
    rows.push({
      group: 'append',
      figure: `1 event per append, ${WRITERS} writers, sealed every second`,
      value: median(sealedRates),
      unit: `events/s (without sealing, in turn: ${Math.round(median(unsealedRates))}; ratio ${median(sealedRates.map((r, i) => r / unsealedRates[i])).toFixed(2)})`,
    });
    rows.push({ group: 'append', figure: 'sealing the global order (checkpoints)', value: sealRate, unit: 'events/s' });

    const events = BATCHES * 100;
    log(`append: 100 events per append (${BATCHES} appends)`);
    const batch = await compare(runs, events, {
      ct: async (run) => {
        for (let i = 0; i < BATCHES; i++)
          await store.append(
            `s100-${run}-${i}`,
            Array.from({ length: 100 }, () => shipmentEvent(id++)),
            { expectedRevision: 'no_stream' },
          );
      },
      limit: async () => {
        const client = await limit.connect();
        try {
          for (let i = 0; i < BATCHES; i++) {
            const values = Array.from({ length: 100 }, (_, k) => `($1, ${k}, $${k + 2})`).join(', ');
            await client.query(`INSERT INTO limit_events (stream, revision, body) VALUES ${values}`, [
              `s100-${i}`,
              ...Array.from({ length: 100 }, () => asJson(shipmentEvent(id++))),
            ]);
          }
        } finally {
          client.release();
        }
      },
      peer: async (run) => {
        for (let i = 0; i < BATCHES; i++) {
          await peer.appendToStream(
            `p100-${run}-${i}`,
            Array.from({ length: 100 }, () => {
              const e = shipmentEvent(id++);
              return { type: e.type, data: e.data, metadata: e.metadata };
            }),
          );
        }
      },
    });
    rows.push(ratioRow('append', '100 events per append', batch, '>= 0.5x limit, > peer'));

    const copy = await medianRate(runs, events, async () => {
      const client = await limit.connect();
      try {
        const lines = Array.from(
          { length: events },
          (_, k) => `copy-${k}\t${k % 100}\t${asJson(shipmentEvent(id++)).replaceAll('\\', '\\\\')}\n`,
        );
        await pipeline(
          Readable.from(lines),
          client.query(copyFrom('COPY limit_events (stream, revision, body) FROM STDIN')),
        );
      } finally {
        client.release();
      }
    });
    rows.push({
      group: 'append',
      figure: '100 events per append, against COPY',
      value: batch.ct,
      unit: `events/s (COPY ${Math.round(copy)})`,
      vsLimit: batch.ct / copy,
    });
  } finally {
    await store.close();
    await limit.end();
    await peer.close();
  }
  return rows;
}

function ratioRow(group: string, figure: string, r: Comparison, target: string): Row {
  return {
    group,
    figure,
    value: r.ct,
    unit: `events/s (limit ${Math.round(r.limit)}, peer ${Math.round(r.peer)})`,
    vsLimit: r.vsLimit,
    vsPeer: r.vsPeer,
    target,
  };
}
