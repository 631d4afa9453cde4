import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type Repository } from 'typeorm';
import {
  ALERT_SETTINGS_STREAM,
  alertSettingsDecider,
  alertSettingsOf,
  type AlertKind,
  type AlertStatus,
} from '#domain';
import { RaisedAlertRow } from '#read-models';
import { Streams } from '../shared/streams/streams.js';

export interface AlertFilter {
  state?: AlertStatus;
  kind?: AlertKind;
  /** Only the alerts of this site (its workspace). */
  site?: string;
}

/** Alerts, newest first (500 at most), from the read models. */
export class ListAlerts {
  constructor(readonly filter: AlertFilter = {}) {}
}

/** The alert settings in force. */
export class GetAlertSettings {}

const iso = (at: Date | null) => (at === null ? null : new Date(at).toISOString());

@QueryHandler(ListAlerts)
export class ListAlertsHandler implements IQueryHandler<ListAlerts> {
  private readonly alerts: Repository<RaisedAlertRow>;

  constructor(readModels: DataSource) {
    this.alerts = readModels.getRepository(RaisedAlertRow);
  }

  async execute({ filter }: ListAlerts) {
    const query = this.alerts.createQueryBuilder('a').orderBy('a.global_order', 'DESC').limit(500);
    if (filter.state) query.andWhere('a.state = :state', { state: filter.state });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.site) query.andWhere('a.site = :site', { site: filter.site });
    return (await query.getMany()).map(alertAnswer);
  }
}

function alertAnswer(row: RaisedAlertRow) {
  const { details } = row;
  const analysis = row.kind === 'out_of_specification';
  return {
    id: row.alertId,
    kind: row.kind,
    state: row.state,
    site: row.site,
    gtin: row.gtin,
    lot: row.lot,
    shipmentId: row.shipmentId,
    evidence: row.evidence,
    details,
    raisedAt: iso(row.raisedAt),
    acknowledgement: row.acknowledgedAt && { at: iso(row.acknowledgedAt), note: row.acknowledgementNote },
    closure: row.closedAt && { at: iso(row.closedAt), note: row.closureNote },
    // The fields of the first release of this list, which had out-of-specification results only.
    eventId: row.evidence[0] ?? null,
    recordedBy: analysis ? details.recordedBy : null,
    sampledOn: analysis ? details.sampledOn : null,
    failures: analysis ? details.failures : null,
  };
}

@QueryHandler(GetAlertSettings)
export class GetAlertSettingsHandler implements IQueryHandler<GetAlertSettings> {
  constructor(private readonly streams: Streams) {}

  async execute() {
    const state = await this.streams.state(ALERT_SETTINGS_STREAM, alertSettingsDecider);
    return { ...alertSettingsOf(state), setByAnsm: state.settings !== null };
  }
}
