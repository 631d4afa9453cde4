import { Inject, Injectable } from '@nestjs/common';
import type { BatchLinks } from '#domain';
import type { SqlClient } from '#event-store';
import { SQL_CLIENT } from '../database/database.module.js';

/**
 * The links between one organisation and a batch, from the read models: a site that holds or held packs of it,
 * or to which a shipment of it was sent. Only the asking organisation's links are read: the rule that weighs
 * them is `batchAccess` (#domain).
 */
@Injectable()
export class BatchLinksReader {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async linksOf(gtin: string, lot: string, organisation: string): Promise<BatchLinks> {
    const rows = await this.sql.query<{ site_id: string }>(
      `SELECT site_id FROM rm_batch_sites WHERE gtin = $1 AND lot = $2 AND site_id = $3
       UNION
       SELECT to_site AS site_id FROM rm_shipments WHERE to_site = $3 AND lines @> $4::jsonb`,
      [gtin, lot, organisation, JSON.stringify([{ gtin, lot }])],
    );
    return { sites: new Set(rows.map((r) => r.site_id)) };
  }
}
