import { Module } from '@nestjs/common';
import { CheckpointStore } from '../../database/checkpoint-store.js';
import { StreamsModule } from '../../shared/streams/streams.module.js';
import { AlertSweep } from './alert-sweep.js';
import { EventAlerts } from './event-alerts.js';

/** The processes that raise alerts: one follows the store, one sweeps the read models every hour. */
@Module({
  imports: [StreamsModule],
  providers: [EventAlerts, AlertSweep, CheckpointStore],
  exports: [EventAlerts, AlertSweep],
})
export class AlertsProcessModule {}
