import { migrate, START, type Checkpoint, type EventStore, type SqlClient, type Subscription } from '../../event-store/src/index.js';
import type { Projection } from './projection.js';

const CHECKPOINTS: { id: string; sql: string } = {
  id: 'projections-001-checkpoints',
  sql: `CREATE TABLE projection_checkpoints (
    name text PRIMARY KEY,
    checkpoint text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
};

/** Another process moved the checkpoint between our read and our write: our batch is rolled back. */
export class CheckpointMovedError extends Error {}

export interface ProjectionStatus {
  name: string;
  checkpoint: Checkpoint;
  running: boolean;
  /** Events not yet projected, counted up to 1,000 ("1000" means at least that many). */
  behind: number;
  lastError: string | null;
}

export interface ProjectorOptions {
  batchSize?: number;
  /** Wait before a failed projection starts again from its committed checkpoint. */
  retryMs?: number;
  pollIntervalMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /** Called after each committed batch, with the number of events it held. */
  onProjected?: (projection: string, events: number) => void;
}

interface Runner {
  projection: Projection;
  subscription?: Subscription;
  stopped: boolean;
  loop?: Promise<void>;
  lastError: string | null;
}

/**
 * Runs projections: each follows the global order from its own checkpoint, and writes its changes and its new
 * checkpoint in one transaction, so a crash never loses or doubles an effect. The checkpoint is moved only from
 * the value the batch started at: a second process running the same projection cannot apply a batch twice.
 */
export class Projector {
  private readonly runners: Runner[];

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    projections: Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.runners = projections.map((projection) => ({ projection, stopped: true, lastError: null }));
  }

  async migrate(): Promise<void> {
    await migrate(this.sql, [CHECKPOINTS, ...this.runners.flatMap((r) => r.projection.migrations)]);
    for (const { projection } of this.runners) {
      await this.sql.query('INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [projection.name, START]);
    }
  }

  start(): void {
    for (const runner of this.runners) {
      if (!runner.stopped) continue;
      runner.stopped = false;
      runner.loop = this.run(runner);
    }
  }

  async stop(): Promise<void> {
    for (const runner of this.runners) runner.stopped = true;
    await Promise.all(this.runners.map(async (runner) => {
      await runner.subscription?.stop();
      await runner.loop;
    }));
  }

  /** Empties the named projections (all by default) and replays them from the first event. */
  async rebuild(names?: string[]): Promise<void> {
    const chosen = this.runners.filter((r) => !names || names.includes(r.projection.name));
    const wasRunning = chosen.some((r) => !r.stopped);
    for (const runner of chosen) {
      runner.stopped = true;
      await runner.subscription?.stop();
      await runner.loop;
    }
    await this.sql.transaction(async (tx) => {
      for (const { projection } of chosen) {
        for (const table of projection.tables) await tx.exec(`TRUNCATE ${table}`);
        await tx.query('UPDATE projection_checkpoints SET checkpoint = $2, updated_at = now() WHERE name = $1', [projection.name, START]);
      }
    });
    if (wasRunning) this.start();
  }

  /** Resolves once every projection has projected every event readable when it looks. */
  async caughtUp(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = await this.status();
      if (statuses.every((s) => s.behind === 0)) return;
      const failed = statuses.find((s) => !s.running);
      if (failed) throw new Error(`projection ${failed.name} is not running${failed.lastError ? `: ${failed.lastError}` : ''}`);
      if (Date.now() > deadline) throw new Error('projections did not catch up in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const rows = await this.sql.query<{ name: string; checkpoint: string }>('SELECT name, checkpoint FROM projection_checkpoints');
    const checkpoints = new Map(rows.map((r) => [r.name, r.checkpoint]));
    return Promise.all(
      this.runners.map(async ({ projection, stopped, lastError }) => {
        const checkpoint = checkpoints.get(projection.name) ?? START;
        const { events } = await this.store.readAll({ from: checkpoint, maxCount: 1000 });
        return { name: projection.name, checkpoint, running: !stopped, behind: events.length, lastError };
      }),
    );
  }

  private async run(runner: Runner): Promise<void> {
    const { projection } = runner;
    while (!runner.stopped) {
      try {
        const [row] = await this.sql.query<{ checkpoint: string }>('SELECT checkpoint FROM projection_checkpoints WHERE name = $1', [projection.name]);
        let previous = row?.checkpoint ?? START;
        runner.subscription = this.store.subscribe(
          async (events, checkpoint) => {
            await this.sql.transaction(async (tx) => {
              await projection.apply(tx, events);
              const moved = await tx.query(
                'UPDATE projection_checkpoints SET checkpoint = $2, updated_at = now() WHERE name = $1 AND checkpoint = $3 RETURNING name',
                [projection.name, checkpoint, previous],
              );
              if (moved.length === 0) throw new CheckpointMovedError(`checkpoint of ${projection.name} moved under us`);
            });
            previous = checkpoint;
            runner.lastError = null;
            this.options.onProjected?.(projection.name, events.length);
          },
          { from: previous, batchSize: this.options.batchSize ?? 500, pollIntervalMs: this.options.pollIntervalMs },
        );
        await runner.subscription.done;
      } catch (error) {
        runner.lastError = (error as Error).message;
        this.options.onError?.(projection.name, error);
        if (!runner.stopped) await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 1000));
      }
    }
  }
}
