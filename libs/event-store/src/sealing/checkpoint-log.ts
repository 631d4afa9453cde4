import { migrate, type SqlClient } from '#sql';
import { CHECKPOINTS_MIGRATION } from '../postgres/migrations.js';
import type { SealedCheckpoint, StreamHead } from './store-head.js';

/** A sealed checkpoint with the heads of the streams that changed since the one before. */
export interface CheckpointWithHeads extends SealedCheckpoint {
  heads: StreamHead[];
}

/** Where sealed checkpoints are kept: append-only, one writer wins each sequence number. */
export interface CheckpointLog {
  latest(): Promise<SealedCheckpoint | null>;
  /** Checkpoints after `afterSeq`, in order, with their heads. */
  read(afterSeq: number, maxCount: number): Promise<CheckpointWithHeads[]>;
  /** Stores a checkpoint and its heads; false when another sealer took this sequence number first. */
  append(checkpoint: SealedCheckpoint, heads: StreamHead[]): Promise<boolean>;
}

interface CheckpointRow {
  seq: string;
  up_to: string;
  event_count: string;
  stream_count: string;
  store_head: string;
  prev_hash: string | null;
  sealed_at: string;
  hash: string;
}

const UNIQUE_VIOLATION = '23505';
const COLUMNS = 'seq, up_to, event_count, stream_count, store_head, prev_hash, sealed_at, hash';

function toCheckpoint(row: CheckpointRow): SealedCheckpoint {
  return {
    seq: Number(row.seq),
    upTo: row.up_to,
    eventCount: Number(row.event_count),
    streamCount: Number(row.stream_count),
    storeHead: row.store_head,
    prevHash: row.prev_hash,
    sealedAt: row.sealed_at,
    hash: row.hash,
  };
}

/**
 * The checkpoint log in the tables of migration 005: the events' own database on PostgreSQL and PGlite, the
 * read-side database when the events live in EventStoreDB.
 */
export class SqlCheckpointLog implements CheckpointLog {
  private constructor(private readonly sql: SqlClient) {}

  static async open(sql: SqlClient): Promise<SqlCheckpointLog> {
    await migrate(sql, [CHECKPOINTS_MIGRATION]);
    return new SqlCheckpointLog(sql);
  }

  async latest(): Promise<SealedCheckpoint | null> {
    const [row] = await this.sql.query<CheckpointRow>(
      `SELECT ${COLUMNS} FROM event_checkpoints ORDER BY seq DESC LIMIT 1`,
    );
    return row ? toCheckpoint(row) : null;
  }

  async read(afterSeq: number, maxCount: number): Promise<CheckpointWithHeads[]> {
    const rows = await this.sql.query<CheckpointRow>(
      `SELECT ${COLUMNS} FROM event_checkpoints WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, maxCount],
    );
    if (rows.length === 0) return [];
    const checkpoints = rows.map((row) => ({ ...toCheckpoint(row), heads: [] as StreamHead[] }));
    const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
    const heads = await this.sql.query<{
      seq: string;
      stream_id: string;
      stream_revision: string;
      event_id: string;
      hash: string;
    }>(
      `SELECT seq, stream_id, stream_revision, event_id, hash FROM event_checkpoint_heads
       WHERE seq BETWEEN $1 AND $2 ORDER BY seq, stream_id`,
      [checkpoints[0].seq, checkpoints[checkpoints.length - 1].seq],
    );
    for (const h of heads) {
      bySeq.get(Number(h.seq))?.heads.push({
        stream: h.stream_id,
        revision: Number(h.stream_revision),
        eventId: h.event_id,
        hash: h.hash,
      });
    }
    return checkpoints;
  }

  async append(checkpoint: SealedCheckpoint, heads: StreamHead[]): Promise<boolean> {
    try {
      await this.sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO event_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          checkpoint.seq,
          checkpoint.upTo,
          checkpoint.eventCount,
          checkpoint.streamCount,
          checkpoint.storeHead,
          checkpoint.prevHash,
          checkpoint.sealedAt,
          checkpoint.hash,
        ]);
        await tx.query(
          `INSERT INTO event_checkpoint_heads (seq, stream_id, stream_revision, event_id, hash)
           SELECT $1, h.stream, h.revision, h.event_id, h.hash
           FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) AS h(stream, revision, event_id, hash)`,
          [
            checkpoint.seq,
            heads.map((h) => h.stream),
            heads.map((h) => h.revision),
            heads.map((h) => h.eventId),
            heads.map((h) => h.hash),
          ],
        );
      });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }
}
