import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { RegisterOrganisationHandler, RegisterProfessionalHandler } from './registry.commands.js';
import { RegistryController } from './registry.controller.js';
import { GetOrganisationHandler, GetProfessionalHandler } from './registry.queries.js';

@Module({
  imports: [CommandsModule],
  controllers: [RegistryController],
  providers: [RegisterOrganisationHandler, RegisterProfessionalHandler, GetOrganisationHandler, GetProfessionalHandler],
})
export class RegistryModule {}
