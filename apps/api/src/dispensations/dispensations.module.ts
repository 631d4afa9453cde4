import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { DispenseHandler } from './dispensation.commands.js';
import { DispensationsController } from './dispensations.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [DispensationsController],
  providers: [DispenseHandler],
})
export class DispensationsModule {}
