import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type Repository } from 'typeorm';
import type { Principal } from '#auth';
import { FOLLOW_UP_SCHEDULE_STREAM, forbid, parisDate, scheduleDecider, type LongConsultationSchedule } from '#domain';
import { FollowUpRow } from '#read-models';
import { CLOCK, type Clock } from '../clock/clock.js';
import { Streams } from '../shared/streams/streams.js';

export class GetLongConsultationSchedule {}

export class ListOverdueLongConsultations {
  constructor(readonly principal: Principal) {}
}

/** ANSM's schedule as it stands: the default until ANSM sets one. */
@QueryHandler(GetLongConsultationSchedule)
export class GetLongConsultationScheduleHandler implements IQueryHandler<
  GetLongConsultationSchedule,
  LongConsultationSchedule
> {
  constructor(private readonly streams: Streams) {}

  async execute(): Promise<LongConsultationSchedule> {
    const { firstYear, thereafter } = await this.streams.state(FOLLOW_UP_SCHEDULE_STREAM, scheduleDecider);
    return { firstYear, thereafter };
  }
}

/**
 * Patients still treated whose next long consultation was due before today (the api's clock, in Paris), most
 * overdue first: a prescriber's own (it included or last saw them), every one for ANSM. From the read models.
 */
@QueryHandler(ListOverdueLongConsultations)
export class ListOverdueLongConsultationsHandler implements IQueryHandler<ListOverdueLongConsultations> {
  private readonly followUps: Repository<FollowUpRow>;

  constructor(
    readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.followUps = readModels.getRepository(FollowUpRow);
  }

  async execute({ principal }: ListOverdueLongConsultations) {
    if (principal.role !== 'ansm' && principal.role !== 'prescriber')
      throw forbid('list_not_allowed', 'only prescribers and ANSM list overdue long consultations');
    const query = this.followUps
      .createQueryBuilder('f')
      .select(['f.patient_id AS "patientId"', 'f.indication AS indication', 'f.included_on::text AS "includedOn"'])
      .addSelect(['f.included_by AS "includedBy"', 'f.last_seen_by AS "lastSeenBy"'])
      .addSelect(['f.last_consulted_on::text AS "lastConsultedOn"', 'f.long_consultations AS "longConsultations"'])
      .addSelect('f.next_long_due_on::text AS "dueOn"')
      .where('f.stopped_on IS NULL')
      .andWhere('f.next_long_due_on < :today', { today: parisDate(this.clock()) })
      .orderBy('f.next_long_due_on')
      .addOrderBy('f.indication')
      .addOrderBy('f.patient_id')
      .limit(500);
    if (principal.role === 'prescriber')
      query.andWhere('(f.included_by = :rpps OR f.last_seen_by = :rpps)', { rpps: principal.sub });
    return query.getRawMany<{
      patientId: string;
      indication: string;
      includedOn: string;
      includedBy: string;
      lastSeenBy: string | null;
      lastConsultedOn: string | null;
      longConsultations: number;
      dueOn: string;
    }>();
  }
}
