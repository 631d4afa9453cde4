import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { IdempotencyRequestRow } from '#read-models';

/** A request still pending after this long is taken to have died with its process, and may be run again. */
const ABANDONED_AFTER_SECONDS = 60;

export type Claim =
  | { kind: 'claimed'; commandId: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'other_request' }
  | { kind: 'in_progress' };

/** The first answer to each (caller, Idempotency-Key), kept so that a retry gets it again. */
@Injectable()
export class IdempotencyStore {
  /** Requests this process is running. */
  private readonly running = new Set<string>();
  /**
   * Requests this process ran whose end it could not record (the database was out of reach): their record still
   * says "in progress", though nothing runs them any more. Their retry may run at once, with the same command id.
   */
  private readonly unsettled = new Set<string>();

  private readonly requests: Repository<IdempotencyRequestRow>;

  constructor(readModels: DataSource) {
    this.requests = readModels.getRepository(IdempotencyRequestRow);
  }

  async claim(scope: string, key: string, requestHash: string, commandId: string): Promise<Claim> {
    const id = `${scope}\n${key}`;
    let inserted: unknown[];
    try {
      const result = await this.requests
        .createQueryBuilder()
        .insert()
        .values({ scope, key, requestHash, commandId })
        .orIgnore()
        .returning('command_id')
        .execute();
      inserted = result.raw as unknown[];
    } catch (error) {
      // The insert may have committed with its answer lost.
      this.unsettled.add(id);
      throw error;
    }
    if (inserted.length > 0) {
      this.running.add(id);
      return { kind: 'claimed', commandId };
    }

    const row = await this.requests.findOneBy({ scope, key });
    if (!row) return this.claim(scope, key, requestHash, commandId);
    if (row.requestHash !== requestHash) return { kind: 'other_request' };
    if (row.status !== null) return { kind: 'replay', status: row.status, body: row.body };

    const abandoned = this.unsettled.has(id) && !this.running.has(id) ? 0 : ABANDONED_AFTER_SECONDS;
    const retaken = await this.requests
      .createQueryBuilder()
      .update()
      .set({ startedAt: () => 'now()' })
      .where('scope = :scope AND key = :key AND status IS NULL', { scope, key })
      .andWhere('started_at <= now() - make_interval(secs => :abandoned)', { abandoned })
      .execute();
    if (retaken.affected !== 1) return { kind: 'in_progress' };
    this.unsettled.delete(id);
    this.running.add(id);
    return { kind: 'claimed', commandId: row.commandId };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.settle(scope, key, () =>
      this.requests.update({ scope, key }, { status, body: (body ?? null) as object, completedAt: () => 'now()' }),
    );
  }

  /** Forgets a request that failed for reasons of our own (5xx), so that its retry runs again. */
  async release(scope: string, key: string): Promise<void> {
    await this.settle(scope, key, () => this.requests.delete({ scope, key, status: IsNull() }));
  }

  private async settle(scope: string, key: string, write: () => Promise<unknown>): Promise<void> {
    const id = `${scope}\n${key}`;
    try {
      await write();
    } catch (error) {
      this.unsettled.add(id);
      throw error;
    } finally {
      this.running.delete(id);
    }
  }
}
