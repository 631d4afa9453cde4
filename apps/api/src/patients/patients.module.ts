import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { ListIndicationsHandler } from './indication.queries.js';
import { IncludePatientHandler, SetInclusionCapHandler } from './patient.commands.js';
import { PatientsController } from './patients.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [PatientsController],
  providers: [IncludePatientHandler, SetInclusionCapHandler, ListIndicationsHandler],
})
export class PatientsModule {}
