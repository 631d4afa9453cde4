import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { batchDecider, batchStream, notFound, type BatchTrace } from '#domain';
import type { SqlClient } from '#sql';
import { Streams } from '../commands/streams.js';
import { SQL_CLIENT } from '../database/database.module.js';

export class GetBatchTrace {
  constructor(
    readonly gtin: string,
    readonly lot: string,
  ) {}
}

/** The trace from the read models: every site that held the batch, every dispensation and patient. */
@QueryHandler(GetBatchTrace)
export class GetBatchTraceHandler implements IQueryHandler<GetBatchTrace, BatchTrace> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly streams: Streams,
  ) {}

  async execute({ gtin, lot }: GetBatchTrace): Promise<BatchTrace> {
    const batch = await this.streams.state(batchStream(gtin, lot), batchDecider);
    if (batch.status !== 'registered') throw notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    const sites = await this.sql.query<{
      site_id: string;
      received: number;
      shipped: number;
      dispensed: number;
      lost: number;
      destroyed: number;
      adjusted: number;
      on_hand: number;
    }>(
      `SELECT site_id, received, shipped, dispensed, lost, destroyed, adjusted, on_hand FROM rm_batch_sites
       WHERE gtin = $1 AND lot = $2 ORDER BY site_id`,
      [gtin, lot],
    );
    const dispensations = await this.sql.query<{
      dispensation_id: string;
      prescription_id: string;
      patient_id: string;
      pharmacy_id: string;
      quantity: number;
      dispensed_on: string | Date;
    }>(
      `SELECT dispensation_id, prescription_id, patient_id, pharmacy_id, quantity, dispensed_on::text AS dispensed_on FROM rm_dispensations
       WHERE gtin = $1 AND lot = $2 ORDER BY global_order`,
      [gtin, lot],
    );
    return {
      gtin,
      lot,
      sites: sites.map((s) => ({
        organisationId: s.site_id,
        received: s.received,
        shipped: s.shipped,
        dispensed: s.dispensed,
        lost: s.lost,
        destroyed: s.destroyed,
        adjusted: s.adjusted,
        onHand: s.on_hand,
      })),
      dispensations: dispensations.map((d) => ({
        dispensationId: d.dispensation_id,
        prescriptionId: d.prescription_id,
        patientId: d.patient_id,
        pharmacyId: d.pharmacy_id,
        quantity: d.quantity,
        dispensedOn: String(d.dispensed_on),
      })),
      patients: [...new Set(dispensations.map((d) => d.patient_id))],
    };
  }
}
