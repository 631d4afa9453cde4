import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { RegisterOrganisationHandler, RegisterProfessionalHandler } from './registry.commands.js';
import { RegistryController } from './registry.controller.js';
import { GetOrganisationHandler, GetProfessionalHandler } from './registry.queries.js';

@Module({
  imports: [StreamsModule],
  controllers: [RegistryController],
  providers: [RegisterOrganisationHandler, RegisterProfessionalHandler, GetOrganisationHandler, GetProfessionalHandler],
})
export class RegistryModule {}
