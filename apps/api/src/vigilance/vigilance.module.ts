import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { PatientCare } from './patient-care.js';
import { VigilanceSignals } from './vigilance-signals.js';
import {
  AddVigilanceFollowUpHandler,
  CorrectVigilanceReportHandler,
  FileVigilanceReportHandler,
  HoldSignalledBatchesHandler,
  SetVigilanceThresholdHandler,
} from './vigilance.commands.js';
import { VigilanceController } from './vigilance.controller.js';
import {
  GetVigilanceReportHandler,
  GetVigilanceSignalHandler,
  GetVigilanceThresholdHandler,
  ListVigilanceReportsHandler,
  ListVigilanceSignalsHandler,
} from './vigilance.queries.js';

@Module({
  imports: [StreamsModule],
  controllers: [VigilanceController],
  providers: [
    PatientCare,
    VigilanceSignals,
    FileVigilanceReportHandler,
    CorrectVigilanceReportHandler,
    AddVigilanceFollowUpHandler,
    SetVigilanceThresholdHandler,
    HoldSignalledBatchesHandler,
    ListVigilanceReportsHandler,
    GetVigilanceReportHandler,
    ListVigilanceSignalsHandler,
    GetVigilanceSignalHandler,
    GetVigilanceThresholdHandler,
  ],
})
export class VigilanceModule {}
