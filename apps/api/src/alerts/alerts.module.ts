import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import {
  AcknowledgeAlertHandler,
  ChangeAlertSettingsHandler,
  CloseAlertHandler,
  RaiseAlertHandler,
} from './alert.commands.js';
import { GetAlertSettingsHandler, ListAlertsHandler } from './alert.queries.js';
import { AlertsController } from './alerts.controller.js';
import { SiteAlertsController } from './site-alerts.controller.js';

/** Alerts: raised by the alerts process (processes/alerts), read, acknowledged and closed by ANSM. */
@Module({
  imports: [StreamsModule],
  controllers: [AlertsController, SiteAlertsController],
  providers: [
    RaiseAlertHandler,
    AcknowledgeAlertHandler,
    CloseAlertHandler,
    ChangeAlertSettingsHandler,
    ListAlertsHandler,
    GetAlertSettingsHandler,
  ],
})
export class AlertsModule {}
