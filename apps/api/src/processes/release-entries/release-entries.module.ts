import { Module } from '@nestjs/common';
import { CheckpointStore } from '../../database/checkpoint-store.js';
import { StreamsModule } from '../../shared/streams/streams.module.js';
import { ReleaseEntries } from './release-entries.js';

/** The process that makes a released batch's register entry: it follows the store, it serves no request. */
@Module({
  imports: [StreamsModule],
  providers: [ReleaseEntries, CheckpointStore],
  exports: [ReleaseEntries],
})
export class ReleaseEntriesModule {}
