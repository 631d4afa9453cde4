import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { CancelPrescriptionHandler, IssuePrescriptionHandler } from './prescription.commands.js';
import { GetPrescriptionHandler } from './prescription.queries.js';
import { PrescriptionsController } from './prescriptions.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [PrescriptionsController],
  providers: [IssuePrescriptionHandler, CancelPrescriptionHandler, GetPrescriptionHandler],
})
export class PrescriptionsModule {}
