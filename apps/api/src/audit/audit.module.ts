import { Module, type DynamicModule } from '@nestjs/common';
import { DigestSigner, EVENT_STORE, SqlCheckpointLog } from '#event-store';
import { type SqlClient } from '#sql';
import { SQL_CLIENT } from '../database/database.module.js';
import { BatchLinksReader } from '../batches/batch-links.js';
import { AuditController } from './audit.controller.js';
import {
  DIGEST_SIGNER,
  ExportBatchEpcisHandler,
  GetBatchHistoryHandler,
  GetStoreDigestHandler,
  VerifyStoreHandler,
} from './audit.queries.js';
import { MassBalanceController } from './mass-balance.controller.js';
import { GetMassBalanceHandler, ListMassBalancesHandler } from './mass-balance.queries.js';
import { CHECKPOINT_LOG, SEAL_INTERVAL_MS, StoreSealer } from './store-sealer.js';

export interface AuditOptions {
  /** Ed25519 key (PEM) that signs digests, created when missing; absent: a key of this process only (tests). */
  digestKeyFile?: string;
  /** Milliseconds between two sealings; absent or 0: only when a digest is asked for. */
  sealIntervalMs?: number;
}

@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions = {}): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController, MassBalanceController],
      providers: [
        GetBatchHistoryHandler,
        VerifyStoreHandler,
        ExportBatchEpcisHandler,
        GetStoreDigestHandler,
        GetMassBalanceHandler,
        ListMassBalancesHandler,
        BatchLinksReader,
        StoreSealer,
        {
          provide: CHECKPOINT_LOG,
          // After the event store, whose migrations come first where the checkpoints share its database.
          inject: [SQL_CLIENT, EVENT_STORE],
          useFactory: (sql: SqlClient) => SqlCheckpointLog.open(sql),
        },
        {
          provide: DIGEST_SIGNER,
          useFactory: () =>
            options.digestKeyFile ? DigestSigner.fromFile(options.digestKeyFile) : DigestSigner.ephemeral(),
        },
        { provide: SEAL_INTERVAL_MS, useValue: options.sealIntervalMs ?? 0 },
      ],
    };
  }
}
