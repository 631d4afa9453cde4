import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { DispenseHandler } from './dispense.handler.js';
import { DispensationsController } from './dispensations.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [DispensationsController],
  providers: [DispenseHandler],
})
export class DispensationsModule {}
