import type { Migration } from '#sql';

/** Raised by the triggers of an append-only table; CREATE OR REPLACE, so that 005 stands alone (EventStoreDB). */
const REFUSE_CHANGES_FUNCTION = `
CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;`;

function appendOnlyTriggers(table: string): string {
  return `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();`;
}

/**
 * Checkpoints sealed over the global order (libs/event-store/src/sealing): each records how many events the store
 * held up to a position and the running hash of all of them; its heads name the last event of every stream it
 * saw change, so that a stream or a stream's tail that vanishes is named. Applied on its own to the read-side
 * database when the events live in EventStoreDB.
 */
export const CHECKPOINTS_MIGRATION: Migration = {
  id: '005-event-checkpoints',
  sql: `${REFUSE_CHANGES_FUNCTION}
CREATE TABLE event_checkpoints (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  up_to text NOT NULL,
  event_count bigint NOT NULL,
  stream_count bigint NOT NULL,
  store_head text NOT NULL,
  prev_hash text,
  sealed_at text NOT NULL,
  hash text NOT NULL
);
CREATE TABLE event_checkpoint_heads (
  seq bigint NOT NULL,
  stream_id text NOT NULL,
  stream_revision bigint NOT NULL,
  event_id text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT event_checkpoint_heads_pk PRIMARY KEY (seq, stream_id)
);
${appendOnlyTriggers('event_checkpoints')}
${appendOnlyTriggers('event_checkpoint_heads')}
`,
};

/**
 * The event store's schema, in order. A migration, once shipped, is never edited: a change is a new one.
 *
 * Global order: `global_position` comes from a sequence, but sequences are taken before commit, so a reader
 * ordering by it alone could pass a position whose transaction commits later. Every row therefore records its
 * transaction id (`xid8`); readers only return rows of transactions older than the oldest one still running
 * (`pg_snapshot_xmin`), ordered by (transaction_id, global_position). A late commit then always sorts after
 * what has been read.
 */
export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    id: '001-events',
    sql: `
CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_revision bigint NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  prev_hash text,
  hash text NOT NULL,
  CONSTRAINT events_stream_revision_pk PRIMARY KEY (stream_id, stream_revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);
CREATE UNIQUE INDEX events_global_order_idx ON events (transaction_id, global_position);

-- One round trip per append: refuse known ids, check the expected revision, insert. Subscribers are notified by
-- the adapter after the commit: a NOTIFY inside the append would serialise every commit on the notify queue lock.
CREATE FUNCTION append_events(p_stream text, p_expected bigint, p_ids uuid[], p_events jsonb)
RETURNS TABLE (o_outcome text, o_revision bigint, o_transaction_id text, o_global_position bigint)
LANGUAGE plpgsql
-- PL/pgSQL keeps a session's plans: made while the table was empty they would scan it whole once it is large.
SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
  v_current bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM events e WHERE e.event_id = ANY (p_ids)) THEN
    RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  SELECT max(e.stream_revision) INTO v_current FROM events e WHERE e.stream_id = p_stream;
  v_current := coalesce(v_current, -1);
  IF v_current <> p_expected THEN
    RETURN QUERY SELECT 'conflict'::text, v_current, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  RETURN QUERY
  WITH inserted AS (
    INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, prev_hash, hash)
    SELECT p_stream, p_expected + x.ord, x.id, x.type, x.data, x.metadata, x.prev_hash, x.hash
    FROM ROWS FROM (
      jsonb_to_recordset(p_events) AS (id uuid, type text, data jsonb, metadata jsonb, prev_hash text, hash text)
    ) WITH ORDINALITY AS x(id, type, data, metadata, prev_hash, hash, ord)
    RETURNING stream_revision, transaction_id, global_position
  )
  SELECT 'appended'::text, i.stream_revision, i.transaction_id::text, i.global_position
  FROM inserted i ORDER BY i.stream_revision DESC LIMIT 1;
END
$fn$;
`,
  },
  {
    id: '002-events-batch-keys',
    sql: `CREATE INDEX events_batch_keys_idx ON events USING gin ((metadata -> 'batchKeys'));`,
  },
  {
    // The GIN index made every append pay for the batch lookup; a narrow table keyed by batch costs less. The
    // adapter fills it in the append's own statement; the events already stored are copied here.
    id: '003-event-batches',
    sql: `
CREATE TABLE event_batches (
  batch_key text NOT NULL,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  CONSTRAINT event_batches_pk PRIMARY KEY (batch_key, transaction_id, global_position)
);
INSERT INTO event_batches (batch_key, transaction_id, global_position)
SELECT DISTINCT k.key #>> '{}', e.transaction_id, e.global_position
FROM events e
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(e.metadata -> 'batchKeys') = 'array' THEN e.metadata -> 'batchKeys' ELSE '[]'::jsonb END
) AS k(key)
WHERE jsonb_typeof(k.key) = 'string';
DROP INDEX events_batch_keys_idx;

-- Kept for a process of the previous version still running during an upgrade: it now fills the batch table too.
CREATE OR REPLACE FUNCTION append_events(p_stream text, p_expected bigint, p_ids uuid[], p_events jsonb)
RETURNS TABLE (o_outcome text, o_revision bigint, o_transaction_id text, o_global_position bigint)
LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
  v_current bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM events e WHERE e.event_id = ANY (p_ids)) THEN
    RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  SELECT max(e.stream_revision) INTO v_current FROM events e WHERE e.stream_id = p_stream;
  v_current := coalesce(v_current, -1);
  IF v_current <> p_expected THEN
    RETURN QUERY SELECT 'conflict'::text, v_current, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  RETURN QUERY
  WITH inserted AS (
    INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, prev_hash, hash)
    SELECT p_stream, p_expected + x.ord, x.id, x.type, x.data, x.metadata, x.prev_hash, x.hash
    FROM ROWS FROM (
      jsonb_to_recordset(p_events) AS (id uuid, type text, data jsonb, metadata jsonb, prev_hash text, hash text)
    ) WITH ORDINALITY AS x(id, type, data, metadata, prev_hash, hash, ord)
    RETURNING stream_revision, transaction_id, global_position, metadata -> 'batchKeys' AS batch_keys
  ), batches AS (
    INSERT INTO event_batches (batch_key, transaction_id, global_position)
    SELECT DISTINCT k.key #>> '{}', i.transaction_id, i.global_position
    FROM inserted i
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(i.batch_keys) = 'array' THEN i.batch_keys ELSE '[]'::jsonb END) AS k(key)
    WHERE jsonb_typeof(k.key) = 'string'
  )
  SELECT 'appended'::text, i.stream_revision, i.transaction_id::text, i.global_position
  FROM inserted i ORDER BY i.stream_revision DESC LIMIT 1;
END
$fn$;
`,
  },
  {
    // Events are facts: the table refuses every UPDATE, DELETE and TRUNCATE, whoever asks. The owner of the table
    // can still disable the triggers (ALTER TABLE ... DISABLE TRIGGER): the api runs under a role that does not own
    // it (docs/operations.md), and the sealed checkpoints (005) reveal what an owner changes (docs/security.md).
    // Statement triggers: an INSERT, the append, never fires them.
    id: '004-events-append-only',
    sql: `${REFUSE_CHANGES_FUNCTION}
${appendOnlyTriggers('events')}
${appendOnlyTriggers('event_batches')}
`,
  },
  CHECKPOINTS_MIGRATION,
];
