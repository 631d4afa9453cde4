import { In, type DataSource } from 'typeorm';
import { decidedEvent, type DecidedEvent } from '#domain';
import { START, type Checkpoint, type EventStore, type Subscription } from '#event-store';
import { ProjectionCheckpointRow } from './entities/checkpoint.entities.js';
import type { ProjectedBatch, Projection } from './projection.js';

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
  stopped: boolean;
  lastError: string | null;
}

/** Thrown by a reader's handler when no projection follows it any more: ends its subscription quietly. */
const NOBODY_LEFT = Symbol('no projection left on this reader');

/**
 * Runs projections. Projections at the same checkpoint share ONE reader of the global order: each batch read is
 * handed to all of them, and each writes its changes and its new checkpoint in a transaction of its own, so a
 * crash never loses or doubles an effect. The checkpoint is moved only from the value the batch started at: a
 * second process running the same projection cannot apply a batch twice. A projection whose batch fails leaves
 * its reader and starts again alone from its committed checkpoint; the others read on.
 */
export class Projector {
  private readonly runners: Runner[];
  private readonly subscriptions = new Set<Subscription>();
  private readonly loops = new Set<Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: DataSource,
    projections: Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.runners = projections.map((projection) => ({ projection, stopped: true, lastError: null }));
  }

  /** Gives each projection its checkpoint row, at the start when it has none (the schema is the migrations'). */
  async register(): Promise<void> {
    await this.readModels
      .createQueryBuilder()
      .insert()
      .into(ProjectionCheckpointRow)
      .values(this.runners.map(({ projection }) => ({ name: projection.name, checkpoint: START })))
      .orIgnore()
      .execute();
  }

  start(): void {
    const starting = this.runners.filter((r) => r.stopped);
    for (const runner of starting) runner.stopped = false;
    if (starting.length > 0) this.track(this.run(starting));
  }

  async stop(): Promise<void> {
    for (const runner of this.runners) runner.stopped = true;
    while (this.loops.size > 0) {
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      await Promise.all([...this.loops]);
    }
  }

  /** Empties the named projections (all by default) and replays them from the first event. */
  async rebuild(names?: string[]): Promise<void> {
    const chosen = this.runners.filter((r) => !names || names.includes(r.projection.name));
    const running = this.runners.filter((r) => !r.stopped);
    // Every reader stops: one of them may be feeding a chosen projection alongside others.
    await this.stop();
    await this.readModels.transaction(async (tx) => {
      for (const { projection } of chosen) {
        for (const entity of projection.entities) await tx.clear(entity);
        await tx.update(
          ProjectionCheckpointRow,
          { name: projection.name },
          { checkpoint: START, updatedAt: () => 'now()' },
        );
      }
    });
    for (const runner of running) runner.stopped = false;
    if (running.length > 0) this.track(this.run(running));
  }

  /** Resolves once every projection has projected every event committed before the call. */
  async caughtUp(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.transactionsEnded(deadline);
    for (;;) {
      // One event per checkpoint answers "anything left?": this polls every 20 ms beside the work it waits for.
      const statuses = await this.status(1);
      if (statuses.every((s) => s.behind === 0)) return;
      const failed = statuses.find((s) => !s.running);
      if (failed)
        throw new Error(`projection ${failed.name} is not running${failed.lastError ? `: ${failed.lastError}` : ''}`);
      if (Date.now() > deadline) throw new Error('projections did not catch up in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Waits for the transactions running at the call to end. PostgreSQL's global order shows a commit only once no
   * older transaction is open (a projection's own, say): until then "nothing behind" would be read too early.
   */
  private async transactionsEnded(deadline: number): Promise<void> {
    const [{ xmax }]: { xmax: string }[] = await this.readModels.query(
      'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax',
    );
    for (;;) {
      const [{ passed }]: { passed: boolean }[] = await this.readModels.query(
        'SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS passed',
        [xmax],
      );
      if (passed) return;
      if (Date.now() > deadline) throw new Error('projections did not catch up in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Each projection's state; `behind` counts events up to `countUpTo`. */
  async status(countUpTo = 1000): Promise<ProjectionStatus[]> {
    const rows = await this.readModels.getRepository(ProjectionCheckpointRow).find();
    const checkpoints = new Map(rows.map((r) => [r.name, r.checkpoint]));
    const behind = new Map<Checkpoint, Promise<number>>();
    const behindFrom = (checkpoint: Checkpoint) => {
      if (!behind.has(checkpoint))
        behind.set(
          checkpoint,
          this.store.readAll({ from: checkpoint, maxCount: countUpTo }).then((r) => r.events.length),
        );
      return behind.get(checkpoint) as Promise<number>;
    };
    return Promise.all(
      this.runners.map(async ({ projection, stopped, lastError }) => {
        const checkpoint = checkpoints.get(projection.name) ?? START;
        return {
          name: projection.name,
          checkpoint,
          running: !stopped,
          behind: await behindFrom(checkpoint),
          lastError,
        };
      }),
    );
  }

  private track(loop: Promise<void>): void {
    this.loops.add(loop);
    void loop.finally(() => this.loops.delete(loop));
  }

  /** Reads the runners' committed checkpoints and starts one reader per distinct checkpoint. */
  private async run(runners: Runner[]): Promise<void> {
    let groups: Map<Checkpoint, Runner[]>;
    try {
      const rows = await this.readModels
        .getRepository(ProjectionCheckpointRow)
        .findBy({ name: In(runners.map((r) => r.projection.name)) });
      const committed = new Map(rows.map((r) => [r.name, r.checkpoint]));
      groups = new Map();
      for (const runner of runners) {
        const from = committed.get(runner.projection.name) ?? START;
        groups.set(from, [...(groups.get(from) ?? []), runner]);
      }
    } catch (error) {
      await this.failed(runners, error);
      return;
    }
    await Promise.all([...groups].map(([from, members]) => this.read(from, members)));
  }

  private async read(from: Checkpoint, members: Runner[]): Promise<void> {
    if (members.every((r) => r.stopped)) return;
    const active = new Set(members);
    let previous = from;
    const subscription = this.store.subscribe(
      async (events, checkpoint) => {
        const applying = [...active].filter((r) => !r.stopped);
        // Typed once for every projection of the reader.
        const decided = events.map(decidedEvent);
        const last = events[events.length - 1];
        const batch = { position: last.position, recordedAt: last.metadata.recordedAt };
        const outcomes = await Promise.allSettled(
          applying.map((runner) => this.applyBatch(runner, decided, batch, checkpoint, previous)),
        );
        outcomes.forEach((outcome, i) => {
          if (outcome.status === 'fulfilled') return;
          active.delete(applying[i]);
          this.track(this.failed([applying[i]], outcome.reason));
        });
        previous = checkpoint;
        if ([...active].every((r) => r.stopped)) throw NOBODY_LEFT;
      },
      { from, batchSize: this.options.batchSize ?? 500, pollIntervalMs: this.options.pollIntervalMs },
    );
    this.subscriptions.add(subscription);
    try {
      await subscription.done;
    } catch (error) {
      if (error !== NOBODY_LEFT) await this.failed([...active], error);
    } finally {
      this.subscriptions.delete(subscription);
    }
  }

  private async applyBatch(
    runner: Runner,
    events: DecidedEvent[],
    batch: ProjectedBatch,
    checkpoint: Checkpoint,
    previous: Checkpoint,
  ): Promise<void> {
    const { projection } = runner;
    await this.readModels.transaction(async (tx) => {
      // A read model can always be projected again: its commit need not wait for the disk. Should the server
      // crash, the changes and the checkpoint are lost together, and the batch is projected again.
      await tx.query('SET LOCAL synchronous_commit = off');
      await projection.apply(tx, events, batch);
      const moved = await tx.update(
        ProjectionCheckpointRow,
        { name: projection.name, checkpoint: previous },
        { checkpoint, updatedAt: () => 'now()' },
      );
      if (moved.affected !== 1) throw new CheckpointMovedError(`checkpoint of ${projection.name} moved under us`);
    });
    runner.lastError = null;
    this.options.onProjected?.(projection.name, events.length);
  }

  /** Records the failure, waits, and starts the runners again from their committed checkpoints. */
  private async failed(runners: Runner[], error: unknown): Promise<void> {
    const live = runners.filter((r) => !r.stopped);
    for (const runner of live) {
      runner.lastError = (error as Error).message;
      this.options.onError?.(runner.projection.name, error);
    }
    if (live.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 1000));
    const again = live.filter((r) => !r.stopped);
    if (again.length > 0) await this.run(again);
  }
}
