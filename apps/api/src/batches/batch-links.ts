import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BatchLinks } from '#domain';
import { BatchSiteRow, ShipmentRow } from '#read-models';

/**
 * The links between one organisation and a batch, from the read models: a site that holds or held packs of it,
 * or to which a shipment of it was sent. Only the asking organisation's links are read: the rule that weighs
 * them is `batchAccess` (#domain).
 */
@Injectable()
export class BatchLinksReader {
  constructor(private readonly readModels: DataSource) {}

  async linksOf(gtin: string, lot: string, organisation: string): Promise<BatchLinks> {
    const [held, sentTo] = await Promise.all([
      this.readModels
        .getRepository(BatchSiteRow)
        .createQueryBuilder('s')
        .select('s.site_id', 'siteId')
        .where('s.gtin = :gtin AND s.lot = :lot AND s.site_id = :organisation', { gtin, lot, organisation })
        .getRawMany<{ siteId: string }>(),
      this.readModels
        .getRepository(ShipmentRow)
        .createQueryBuilder('s')
        .select('s.to_site', 'siteId')
        .where('s.to_site = :organisation AND s.lines @> :line::jsonb', {
          organisation,
          line: JSON.stringify([{ gtin, lot }]),
        })
        .limit(1)
        .getRawMany<{ siteId: string }>(),
    ]);
    return { sites: new Set([...held, ...sentTo].map((r) => r.siteId)) };
  }
}
