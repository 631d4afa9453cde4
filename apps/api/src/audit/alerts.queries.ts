import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { SqlClient } from '#event-store';
import { SQL_CLIENT } from '../database/database.module.js';

export class ListAlerts {}

/** ANSM's alerts, newest first (500 at most): every out-of-specification analysis result, from the read models. */
@QueryHandler(ListAlerts)
export class ListAlertsHandler implements IQueryHandler<ListAlerts> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute() {
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT event_id, kind, gtin, lot, recorded_by_role, recorded_by, sampled_on::text AS sampled_on, failures,
              raised_at
       FROM rm_alerts ORDER BY global_order DESC LIMIT 500`,
    );
    return rows.map((r) => ({
      kind: r.kind,
      gtin: r.gtin,
      lot: r.lot,
      recordedBy: { role: r.recorded_by_role, organisation: r.recorded_by },
      sampledOn: r.sampled_on,
      failures: r.failures,
      raisedAt: new Date(r.raised_at as string).toISOString(),
      eventId: r.event_id,
    }));
  }
}
