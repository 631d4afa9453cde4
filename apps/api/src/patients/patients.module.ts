import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { IncludePatientHandler, ListIndicationsHandler, SetInclusionCapHandler } from './patient.handlers.js';
import { PatientsController } from './patients.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [PatientsController],
  providers: [IncludePatientHandler, SetInclusionCapHandler, ListIndicationsHandler],
})
export class PatientsModule {}
