import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { FollowUpController } from './follow-up.controller.js';
import { RecordConsultationHandler, SetLongConsultationScheduleHandler } from './follow-up.commands.js';
import { GetLongConsultationScheduleHandler, ListOverdueLongConsultationsHandler } from './follow-up.queries.js';

@Module({
  imports: [StreamsModule],
  controllers: [FollowUpController],
  providers: [
    RecordConsultationHandler,
    SetLongConsultationScheduleHandler,
    GetLongConsultationScheduleHandler,
    ListOverdueLongConsultationsHandler,
  ],
})
export class FollowUpModule {}
