import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '#config';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BatchesModule } from './batches/batches.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { ProblemDetailsFilter } from './problem/problem-details.filter.js';
import { DispensationsModule } from './dispensations/dispensations.module.js';
import { PatientsModule } from './patients/patients.module.js';
import { PrescriptionsModule } from './prescriptions/prescriptions.module.js';
import { FollowUpModule } from './follow-up/follow-up.module.js';
import { AuditModule } from './audit/audit.module.js';
import { EpcisModule } from './epcis/epcis.module.js';
import { ScansModule } from './scans/scans.module.js';
import { ProjectionsModule } from './processes/projections/projections.module.js';
import { ClockModule } from './clock/clock.module.js';
import { ReleaseEntriesModule } from './processes/release-entries/release-entries.module.js';
import { AlertsProcessModule } from './processes/alerts/alerts-process.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { TraceModule } from './trace/trace.module.js';
import { ShipmentsModule } from './shipments/shipments.module.js';
import { SitesModule } from './sites/sites.module.js';
import { RecallsModule } from './recalls/recalls.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { WebhooksModule } from './processes/webhooks/webhooks.module.js';
import { VigilanceModule } from './vigilance/vigilance.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        ClockModule.forRoot(config.clock),
        DatabaseModule.forRoot(config.database),
        EventStoreModule.forRoot(config.eventStore),
        AuthModule.forRoot(config.jwt, { enabled: config.demo === true, host: config.host }),
        IdempotencyModule,
        HealthModule.forRoot({ port: config.healthPort, host: config.host }),
        RegistryModule,
        CatalogueModule,
        BatchesModule,
        RecallsModule,
        ShipmentsModule,
        SitesModule,
        PatientsModule,
        PrescriptionsModule,
        DispensationsModule,
        FollowUpModule,
        ProjectionsModule.forRoot({ run: config.runProjections }),
        ReleaseEntriesModule,
        AlertsModule,
        AlertsProcessModule,
        TraceModule,
        ReportsModule,
        AuditModule.forRoot({ digestKeyFile: config.digestKeyFile, sealIntervalMs: config.sealIntervalMs }),
        EpcisModule,
        ScansModule,
        VigilanceModule,
        WebhooksModule.forRoot(config.webhooks, config.webhookAllowPrivate ?? false),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
