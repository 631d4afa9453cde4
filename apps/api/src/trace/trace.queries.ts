import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type Repository } from 'typeorm';
import { batchDecider, batchStream, notFound, type BatchTrace } from '#domain';
import { BatchSiteRow, DispensationRow } from '#read-models';
import { Streams } from '../shared/streams/streams.js';

export class GetBatchTrace {
  constructor(
    readonly gtin: string,
    readonly lot: string,
  ) {}
}

/** The trace from the read models: every site that held the batch, every dispensation and patient. */
@QueryHandler(GetBatchTrace)
export class GetBatchTraceHandler implements IQueryHandler<GetBatchTrace, BatchTrace> {
  private readonly sites: Repository<BatchSiteRow>;
  private readonly dispensations: Repository<DispensationRow>;

  constructor(
    readModels: DataSource,
    private readonly streams: Streams,
  ) {
    this.sites = readModels.getRepository(BatchSiteRow);
    this.dispensations = readModels.getRepository(DispensationRow);
  }

  async execute({ gtin, lot }: GetBatchTrace): Promise<BatchTrace> {
    const batch = await this.streams.state(batchStream(gtin, lot), batchDecider);
    if (batch.status !== 'registered') throw notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    const sites = await this.sites.find({ where: { gtin, lot }, order: { siteId: 'ASC' } });
    const dispensations = await this.dispensations
      .createQueryBuilder('d')
      .select(['d.dispensation_id AS "dispensationId"', 'd.prescription_id AS "prescriptionId"'])
      .addSelect(['d.patient_id AS "patientId"', 'd.pharmacy_id AS "pharmacyId"', 'd.quantity AS quantity'])
      .addSelect('d.dispensed_on::text', 'dispensedOn')
      .where('d.gtin = :gtin AND d.lot = :lot', { gtin, lot })
      .orderBy('d.global_order')
      .getRawMany<Omit<DispensationRow, 'gtin' | 'lot' | 'serial' | 'globalOrder'>>();
    return {
      gtin,
      lot,
      sites: sites.map((s) => ({
        organisationId: s.siteId,
        received: s.received,
        shipped: s.shipped,
        dispensed: s.dispensed,
        lost: s.lost,
        destroyed: s.destroyed,
        adjusted: s.adjusted,
        onHand: s.onHand,
      })),
      dispensations: dispensations.map((d) => ({
        dispensationId: d.dispensationId,
        prescriptionId: d.prescriptionId,
        patientId: d.patientId,
        pharmacyId: d.pharmacyId,
        quantity: d.quantity,
        dispensedOn: d.dispensedOn,
      })),
      patients: [...new Set(dispensations.map((d) => d.patientId))],
    };
  }
}
