import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type Repository } from 'typeorm';
import { AlertRow } from '#read-models';

export class ListAlerts {}

/** ANSM's alerts, newest first (500 at most): every out-of-specification analysis result, from the read models. */
@QueryHandler(ListAlerts)
export class ListAlertsHandler implements IQueryHandler<ListAlerts> {
  private readonly alerts: Repository<AlertRow>;

  constructor(readModels: DataSource) {
    this.alerts = readModels.getRepository(AlertRow);
  }

  async execute() {
    const rows = await this.alerts
      .createQueryBuilder('a')
      .select(['a.event_id AS "eventId"', 'a.kind AS kind', 'a.gtin AS gtin', 'a.lot AS lot'])
      .addSelect(['a.recorded_by_role AS "recordedByRole"', 'a.recorded_by AS "recordedBy"'])
      .addSelect(['a.sampled_on::text AS "sampledOn"', 'a.failures AS failures', 'a.raised_at AS "raisedAt"'])
      .orderBy('a.global_order', 'DESC')
      .limit(500)
      .getRawMany<Omit<AlertRow, 'globalOrder'>>();
    return rows.map((r) => ({
      kind: r.kind,
      gtin: r.gtin,
      lot: r.lot,
      recordedBy: { role: r.recordedByRole, organisation: r.recordedBy },
      sampledOn: r.sampledOn,
      failures: r.failures,
      raisedAt: new Date(r.raisedAt).toISOString(),
      eventId: r.eventId,
    }));
  }
}
