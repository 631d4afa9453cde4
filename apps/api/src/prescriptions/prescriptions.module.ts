import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import {
  CancelPrescriptionHandler,
  GetPrescriptionHandler,
  IssuePrescriptionHandler,
} from './prescription.handlers.js';
import { PrescriptionsController } from './prescriptions.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [PrescriptionsController],
  providers: [IssuePrescriptionHandler, CancelPrescriptionHandler, GetPrescriptionHandler],
})
export class PrescriptionsModule {}
