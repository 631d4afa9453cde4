import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { START, type Checkpoint } from '#event-store';
import { SubscriptionCheckpointRow } from '#read-models';

/** Where each subscription of the api resumes after a restart. */
@Injectable()
export class CheckpointStore {
  private readonly checkpoints: Repository<SubscriptionCheckpointRow>;

  constructor(readModels: DataSource) {
    this.checkpoints = readModels.getRepository(SubscriptionCheckpointRow);
  }

  async load(name: string): Promise<Checkpoint> {
    return (await this.checkpoints.findOneBy({ name }))?.checkpoint ?? START;
  }

  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    await this.checkpoints
      .createQueryBuilder()
      .insert()
      .values({ name, checkpoint })
      .orUpdate(['checkpoint', 'updated_at'], ['name'])
      .execute();
  }
}
